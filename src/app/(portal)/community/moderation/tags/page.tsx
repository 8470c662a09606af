import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { EmptyState } from '@/components/EmptyState'
import { payloadClient, requireUser } from '@/data/session'

import { CommunityNav } from '../../_components/CommunityNav'
import { MergeTagsForm } from './MergeTagsForm.client'

export const metadata: Metadata = { title: 'Tags · Moderation' }

/** Moderators' tag page: every tag with its use, and merging one into another. */
export default async function TagsModerationPage() {
  const user = await requireUser('/community/moderation/tags')
  if (!hasRole(user, 'moderator')) notFound()
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'tags',
    sort: 'name',
    limit: 1000,
    depth: 0,
    select: { name: true, usageCount: true },
    overrideAccess: false,
    user: { ...user, collection: 'users' as const },
  })
  const tags = docs.map((tag) => ({ id: tag.id, name: tag.name, usageCount: tag.usageCount ?? 0 }))
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Tags</h1>
      <CommunityNav current="/community/moderation/tags" viewer={user} />
      <p className="text-sm text-muted-foreground">
        Merge duplicates (<code>pytorch</code> and <code>py-torch</code>): the discussions move to
        the tag you keep and the other one is deleted. Renames and deletions are in{' '}
        <Link href="/admin/collections/tags" className="text-primary underline">
          the admin panel
        </Link>
        ; all of it lands in the moderation log.
      </p>
      {tags.length < 2 ? (
        <EmptyState id="tags-empty" title="Nothing to merge">
          Tags appear here once members use at least two.
        </EmptyState>
      ) : (
        <>
          <MergeTagsForm tags={tags} />
          <section aria-labelledby="all-tags" className="space-y-2">
            <h2 id="all-tags" className="text-lg font-semibold">
              All tags ({tags.length})
            </h2>
            <ul className="flex flex-wrap gap-2">
              {tags.map((tag) => (
                <li key={tag.id}>
                  <Link
                    href={`/community/tags/${tag.name}`}
                    className="inline-flex rounded-full border border-border px-3 py-1 text-sm hover:bg-muted"
                  >
                    #{tag.name} · {tag.usageCount}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  )
}
