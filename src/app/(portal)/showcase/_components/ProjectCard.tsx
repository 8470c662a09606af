import Image from 'next/image'
import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import type { ShowcaseProject } from '@/payload-types'

import { idOf } from './ids'
import { shotsOf, topicsOf } from './media'
import { VoteButton } from './VoteButton.client'

type Props = {
  project: ShowcaseProject
  isVoted: boolean
  viewerId: number | null
  rank?: number
  isFeatured?: boolean
}

/** A project in a list: its first screenshot, name, tagline, stack, votes and comments. */
export function ProjectCard({ project, isVoted, viewerId, rank, isFeatured }: Props) {
  const href = `/showcase/projects/${project.slug}`
  const shot = shotsOf(project)[0]
  const isMine =
    viewerId !== null &&
    (idOf(project.owner) === viewerId ||
      (project.makers ?? []).some((m) => idOf(m.user) === viewerId))
  return (
    <li className="flex flex-col overflow-hidden rounded-lg border border-border bg-card shadow-sm">
      {shot && (
        <Link href={href} tabIndex={-1} aria-hidden="true">
          <Image
            unoptimized
            src={shot.thumb}
            alt=""
            width={768}
            height={432}
            sizes="(min-width: 1280px) 400px, (min-width: 640px) 50vw, 100vw"
            className="aspect-video h-auto w-full object-cover"
          />
        </Link>
      )}
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="text-base font-semibold break-words">
              {rank !== undefined && <span className="text-muted-foreground">{rank}. </span>}
              <Link href={href} className="text-primary underline-offset-2 hover:underline">
                {project.title}
              </Link>
            </h3>
            <p className="text-sm text-muted-foreground">{project.tagline}</p>
          </div>
          <VoteButton
            projectId={project.id}
            title={project.title}
            votes={Number(project.votes ?? 0)}
            isVoted={isVoted}
            isSignedIn={viewerId !== null}
            isMine={isMine}
            returnTo="/showcase"
          />
        </div>
        <div className="flex flex-wrap gap-1.5">
          {isFeatured && <Badge tone="success">Featured</Badge>}
          {topicsOf(project.techStack)
            .slice(0, 4)
            .map((topic) => (
              <Badge key={topic.id} tone="neutral">
                {topic.name}
              </Badge>
            ))}
        </div>
        <p className="mt-auto text-xs text-muted-foreground">
          {Number(project.comments ?? 0)} {Number(project.comments) === 1 ? 'comment' : 'comments'}
          {project.publishedAt && (
            <> · published {new Date(project.publishedAt).toISOString().slice(0, 10)}</>
          )}
        </p>
      </div>
    </li>
  )
}
