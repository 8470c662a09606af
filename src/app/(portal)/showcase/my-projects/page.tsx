import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { requireUser } from '@/data/session'
import { myProjects } from '@/data/showcase'
import { STATUS_LABELS } from '@/lib/showcase/constants'

import { idOf } from '../_components/ids'
import { MakerInvite } from '../projects/[slug]/_components/MakerInvite'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'My projects · Showcase' }

const TONE = {
  draft: 'muted',
  submitted: 'warning',
  published: 'success',
  rejected: 'danger',
} as const

/** Projects I submitted or am listed on, with their review state and pending invitations. */
export default async function MyProjectsPage() {
  const user = await requireUser('/showcase/my-projects')
  const { docs } = await myProjects(user)
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My projects</h1>
        <Button asChild>
          <Link href="/showcase/submit">Submit a project</Link>
        </Button>
      </div>
      {docs.length === 0 ? (
        <EmptyState
          id="no-projects"
          title="No projects yet"
          action={
            <Button asChild>
              <Link href="/showcase/submit">Submit your first project</Link>
            </Button>
          }
        >
          Built something with TuneTrail? Show it to the community.
        </EmptyState>
      ) : (
        <ul
          aria-label="My projects"
          className="divide-y divide-border rounded-lg border border-border"
        >
          {docs.map((project) => {
            const isOwner = idOf(project.owner) === user.id
            const invite = (project.makers ?? []).find(
              (m) => idOf(m.user) === user.id && !m.accepted,
            )
            const path = `/showcase/projects/${project.slug}`
            return (
              <li key={project.id} className="space-y-2 p-4">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="font-semibold break-words">
                      <Link href={path} className="text-primary underline">
                        {project.title}
                      </Link>
                    </h2>
                    <p className="text-sm text-muted-foreground">{project.tagline}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={TONE[project.status]}>{STATUS_LABELS[project.status]}</Badge>
                    {project.featured && <Badge tone="success">Featured</Badge>}
                    <span className="text-sm text-muted-foreground">
                      ▲ {Number(project.votes ?? 0)} · {Number(project.comments ?? 0)} comments
                    </span>
                    {isOwner && (
                      <Button asChild size="sm" variant="outline">
                        <Link href={`/showcase/submit?project=${project.id}`}>Edit</Link>
                      </Button>
                    )}
                  </div>
                </div>
                {project.status === 'rejected' && project.rejectionReason && (
                  <p className="text-sm text-danger">Not approved: {project.rejectionReason}</p>
                )}
                {invite && <MakerInvite projectId={project.id} path="/showcase/my-projects" />}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
