'use server'

import { personAction } from '@/actions/formAction'
import { hasRole } from '@/access/roles'
import { mergeTags } from '@/lib/forum/actions'
import { mergeTagsSchema } from '@/schemas/forum'

/** Moderators merge one tag into another (the same action as POST /api/tags/merge). */
export const mergeTagsAction = personAction({
  schema: mergeTagsSchema,
  revalidate: () => ['/community/moderation/tags', { layout: '/community' }],
  run: async (data, { req, user }) => {
    if (!hasRole(user, 'moderator')) return { status: 'error', message: 'Moderators only.' }
    const { merged } = await mergeTags(await req(), [data.from], data.into)
    return {
      status: 'ok',
      message: `Merged: ${merged} ${merged === 1 ? 'discussion' : 'discussions'} retagged.`,
    }
  },
})
