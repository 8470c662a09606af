'use server'

import { redirect } from 'next/navigation'

import { personAction } from '@/actions/formAction'
import { similarDiscussions, suggestTags, suggestUsers } from '@/data/forum'
import { currentUser } from '@/data/session'
import { ensureTags } from '@/lib/forum/tags'
import { inTransaction } from '@/lib/transactions'
import { newDiscussionSchema } from '@/schemas/forum'

export const createDiscussionAction = personAction({
  schema: newDiscussionSchema,
  revalidate: () => [{ layout: '/community' }],
  run: async (data, { req }) => {
    const request = await req()
    // One transaction: a refused post leaves none of its new tags behind.
    const doc = await inTransaction(request, async () =>
      request.payload.create({
        collection: 'discussions',
        data: {
          category: data.category,
          kind: data.kind,
          title: data.title,
          body: data.body,
          tags: await ensureTags(request, data.tags),
          attachments: data.attachments,
        } as never,
        overrideAccess: false,
        req: request,
      }),
    )
    redirect(
      `/community/discussions/${doc.id}${doc.moderationState === 'pending' ? '?held=1' : ''}`,
    )
  },
})

/** Suggestions while typing (signed-in people only): similar titles, tags, @usernames. */
export async function suggestAction(
  kind: 'similar' | 'tags' | 'users',
  text: string,
): Promise<{ value: string; label: string; href?: string }[]> {
  if (!(await currentUser())) return []
  const input = String(text).slice(0, 200)
  if (kind === 'similar') {
    return (await similarDiscussions(input)).map((row) => ({
      value: String(row.id),
      label: `${row.title}${row.is_solved ? ' (solved)' : ''} · ${row.reply_count} replies`,
      href: `/community/discussions/${row.id}`,
    }))
  }
  if (kind === 'tags') {
    return (await suggestTags(input)).map((row) => ({
      value: row.name,
      label: `${row.name} (${row.usage_count})`,
    }))
  }
  return (await suggestUsers(input)).map((row) => ({
    value: row.username,
    label: `@${row.username} · ${row.name}`,
  }))
}
