import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { EmptyState } from '@/components/EmptyState'
import { requireUser } from '@/data/session'
import { reviewQueue } from '@/data/showcase'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Review queue · Showcase' }

/**
 * Moderators' queue of submitted projects and published ones with changes waiting, oldest first
 * (also in /admin, filtered by status).
 */
export default async function ReviewQueuePage() {
  const user = await requireUser('/showcase/review')
  if (!hasRole(user, 'moderator')) notFound()
  const { docs, totalDocs } = await reviewQueue(user)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <p className="text-sm text-muted-foreground">
        {totalDocs === 1 ? '1 project waits' : `${totalDocs} projects wait`} for review. Open one to
        approve it (or a published project’s changes), or reject it with a reason the makers will
        read.
      </p>
      {docs.length === 0 ? (
        <EmptyState id="queue-empty" title="Nothing to review">
          New submissions appear here.
        </EmptyState>
      ) : (
        <ol
          aria-label="Submitted projects"
          className="divide-y divide-border rounded-lg border border-border"
        >
          {docs.map((project) => (
            <li key={project.id} className="p-4">
              <Link
                href={`/showcase/projects/${project.slug}#moderation`}
                className="font-semibold text-primary underline"
              >
                {project.title}
              </Link>
              <p className="text-sm text-muted-foreground">
                {project.tagline} ·{' '}
                {project.status === 'published' ? 'changes to the live page' : 'submitted'}{' '}
                {new Date(project.updatedAt).toISOString().slice(0, 10)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
