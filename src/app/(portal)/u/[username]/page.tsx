import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { memberProfile } from '@/data/forum'
import { requestNow } from '@/data/now'
import { currentUser } from '@/data/session'
import { decodeSegment } from '@/lib/forum/segment'
import { excerpt } from '@/lib/forum/text'
import type { Discussion } from '@/payload-types'

import { DiscussionRow } from '../../community/_components/parts'

type Props = { params: Promise<{ username: string }> }

const clean = (raw: string) => {
  const name = decodeSegment(raw)?.toLowerCase() ?? ''
  return /^[a-z0-9-]{3,32}$/.test(name) ? name : null
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = clean((await params).username)
  return { title: name ? `@${name}` : 'Member not found' }
}

/** A member's public page: their discussions, replies, accepted answers, models and reputation. */
export default async function MemberPage({ params }: Props) {
  const name = clean((await params).username)
  if (!name) notFound()
  const profile = await memberProfile(name, await currentUser())
  if (!profile) notFound()
  const { member, counts } = profile
  const now = requestNow()
  const stats = [
    ['Reputation', profile.reputation],
    ['Discussions', counts.discussions],
    ['Replies', counts.replies],
    ['Accepted answers', counts.accepted],
  ] as const
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{member.name}</h1>
        <p className="text-muted-foreground">@{member.username}</p>
        {member.bio && <p className="max-w-2xl text-sm">{member.bio}</p>}
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-border bg-card p-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="discussions-heading" className="space-y-2">
        <h2 id="discussions-heading" className="text-lg font-semibold">
          Discussions
        </h2>
        {profile.discussions.length === 0 ? (
          <p className="text-sm text-muted-foreground">None yet.</p>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-card">
            {profile.discussions.map((discussion) => (
              <DiscussionRow key={discussion.id} discussion={discussion as Discussion} now={now} />
            ))}
          </ul>
        )}
        {counts.discussions > 10 && (
          <Link href="/community/discussions" className="text-sm text-primary underline">
            All discussions
          </Link>
        )}
      </section>
      <section aria-labelledby="models-heading" className="space-y-2">
        <h2 id="models-heading" className="text-lg font-semibold">
          Models
        </h2>
        {profile.models.length === 0 ? (
          <p className="text-sm text-muted-foreground">No public models yet.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {profile.models.map((model) => (
              <li key={model.id} className="rounded-lg border border-border bg-card p-3 text-sm">
                <Link
                  href={`/models/${model.ownerHandle}/${model.slug}`}
                  className="font-medium text-primary underline"
                >
                  {model.name}
                </Link>
                <p className="mt-1 break-words text-muted-foreground">{model.summary}</p>
              </li>
            ))}
          </ul>
        )}
        {profile.modelCount > profile.models.length && (
          <Link
            href={`/models/${profile.models[0].ownerHandle}`}
            className="text-sm text-primary underline"
          >
            All {profile.modelCount} models
          </Link>
        )}
      </section>
      <section aria-labelledby="replies-heading" className="space-y-2">
        <h2 id="replies-heading" className="text-lg font-semibold">
          Recent replies
        </h2>
        {profile.replies.length === 0 ? (
          <p className="text-sm text-muted-foreground">None yet.</p>
        ) : (
          <ul className="space-y-2">
            {profile.replies.map((reply) => {
              const thread = reply.discussion as Discussion | number
              const id = typeof thread === 'object' ? thread.id : thread
              return (
                <li key={reply.id} className="rounded-lg border border-border bg-card p-3 text-sm">
                  <Link
                    href={`/community/discussions/${id}#reply-${reply.id}`}
                    className="font-medium text-primary underline"
                  >
                    {typeof thread === 'object' ? thread.title : `Discussion #${id}`}
                  </Link>
                  <p className="mt-1 break-words text-muted-foreground">
                    {excerpt(reply.body, 200)}
                  </p>
                </li>
              )
            })}
          </ul>
        )}
      </section>
    </div>
  )
}
