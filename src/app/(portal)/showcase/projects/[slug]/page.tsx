import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { CommentThread } from '@/components/CommentThread'
import { Markdown } from '@/components/Markdown'
import { ActionForm } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Panel } from '@/components/ui/card'
import { currentUser } from '@/data/session'
import { pendingRevisionView, projectBySlug, projectPage } from '@/data/showcase'
import { serverUrl } from '@/lib/defaults'
import { safeLink, STATUS_LABELS, videoEmbed } from '@/lib/showcase/constants'

import { commentAction, hideCommentAction, withdrawAction } from '../../actions'
import { Gallery } from '../../_components/Gallery.client'
import { idOf } from '../../_components/ids'
import { shotsOf } from '../../_components/media'
import { VoteButton } from '../../_components/VoteButton.client'
import { MakerInvite } from './_components/MakerInvite'
import { BuiltWith, GithubFacts, UsageFacts } from './_components/Facts'
import { StaffPanel } from './_components/StaffPanel'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  const project = await projectBySlug(await currentUser(), slug)
  return project
    ? { title: `${project.title} · Showcase`, description: project.tagline }
    : { title: 'Project not found' }
}

const STORY = [
  ['whatItDoes', 'What it does'],
  ['howBuilt', 'How it was built'],
  ['challenges', 'Challenges'],
  ['whatsNext', 'What’s next'],
] as const

/** A project's page: gallery and demo, its story, what it is built with, makers, votes, comments. */
export default async function ProjectPage({ params }: Props) {
  const { slug } = await params
  const user = await currentUser()
  const project = await projectBySlug(user, slug)
  if (!project) notFound()
  const data = await projectPage(user, project)
  const path = `/showcase/projects/${project.slug}`
  const video = project.demoVideo ? videoEmbed(project.demoVideo) : null
  const demo = project.demoUrl ? safeLink(project.demoUrl) : null
  const makers = (project.makers ?? []).filter((m) => m.accepted)
  const myInvite = (project.makers ?? []).find((m) => !m.accepted && idOf(m.user) === user?.id)
  const badgeUrl = `${serverUrl()}${path}/badge.svg`
  const hasPending = project.status === 'published' && Boolean(project.pendingRevision)
  const pending =
    user && data.isModerator && hasPending ? await pendingRevisionView(user, project) : null
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/showcase" className="underline">
          Showcase
        </Link>{' '}
        / {project.title}
      </nav>
      <header className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <h1 className="text-2xl font-semibold break-words">{project.title}</h1>
            <p className="text-muted-foreground">{project.tagline}</p>
          </div>
          {project.status === 'published' && (
            <VoteButton
              projectId={project.id}
              title={project.title}
              votes={Number(project.votes ?? 0)}
              isVoted={data.isVoted}
              isSignedIn={Boolean(user)}
              isMine={data.isMine}
              returnTo={path}
            />
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {project.featured && <Badge tone="success">Featured</Badge>}
          {project.status !== 'published' && (
            <Badge tone="warning">{STATUS_LABELS[project.status]}</Badge>
          )}
          {demo && (
            <Button asChild size="sm">
              <a href={demo} rel="noopener noreferrer nofollow">
                Open the demo
              </a>
            </Button>
          )}
          {data.canEdit && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/showcase/submit?project=${project.id}`}>Edit project</Link>
            </Button>
          )}
        </div>
        {project.status === 'rejected' &&
          project.rejectionReason &&
          (data.isMine || data.isModerator) && (
            <Alert tone="error">Not approved: {project.rejectionReason}</Alert>
          )}
        {hasPending && data.canEdit && (
          <div className="space-y-2">
            <Alert tone="info">
              Changes pending review: your edits go live once a moderator approves them. Until then
              this page shows the last approved version.
            </Alert>
            <ActionForm
              action={withdrawAction}
              submitLabel="Withdraw changes"
              submitVariant="outline"
              aria-label="Withdraw changes"
            >
              <input type="hidden" name="project" value={project.id} />
              <input type="hidden" name="path" value={path} />
            </ActionForm>
          </div>
        )}
        {project.status === 'submitted' && data.isMine && (
          <Alert tone="info">
            In review: a moderator will look at it soon. You will be notified.
          </Alert>
        )}
        <p className="text-sm">
          By{' '}
          {makers.map((m, i) => (
            <span key={idOf(m.user)}>
              {i > 0 && ', '}
              <Link
                className="text-primary underline"
                href={`/u/${data.names.get(idOf(m.user)) ?? ''}`}
              >
                {data.names.get(idOf(m.user)) ?? 'a maker'}
              </Link>
            </span>
          ))}
        </p>
        {myInvite && <MakerInvite projectId={project.id} path={path} />}
      </header>
      {(data.isModerator || data.isStaff) && (
        <Panel id="moderation" title="Moderation">
          <StaffPanel
            project={project}
            path={path}
            isModerator={data.isModerator}
            isStaff={data.isStaff}
            pending={pending}
          />
        </Panel>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Panel id="gallery" title="Screenshots">
            <Gallery shots={shotsOf(project)} title={project.title} />
          </Panel>
          {video && (
            <Panel id="video" title="Demo video">
              <div className="aspect-video w-full">
                <iframe
                  src={video.src}
                  title={`Demo video of ${project.title}`}
                  className="h-full w-full rounded-md border border-border"
                  loading="lazy"
                  allow="encrypted-media; picture-in-picture; fullscreen"
                  referrerPolicy="strict-origin-when-cross-origin"
                  sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
                />
              </div>
            </Panel>
          )}
          <Panel id="story" title="The story">
            <div className="space-y-5">
              {STORY.map(([key, label]) =>
                project.story?.[key] ? (
                  <section key={key} aria-labelledby={`story-${key}`}>
                    <h3 id={`story-${key}`} className="mb-1 font-semibold">
                      {label}
                    </h3>
                    <Markdown>{project.story[key] ?? ''}</Markdown>
                  </section>
                ) : null,
              )}
            </div>
          </Panel>
          <Panel id="comments" title={`Comments (${data.comments.length})`}>
            {project.status === 'published' ? (
              <CommentThread
                subject={{ field: 'project', id: project.id }}
                path={path}
                comments={data.comments}
                isSignedIn={Boolean(user)}
                isModerator={data.isModerator}
                names={data.names}
                emptyText="No comments yet. Say what you think."
                commentAction={commentAction}
                hideCommentAction={hideCommentAction}
              />
            ) : (
              <p className="text-sm text-muted-foreground">Comments open once it is published.</p>
            )}
          </Panel>
        </div>
        <div className="min-w-0 space-y-6">
          {data.usage && (
            <Panel id="usage" title="Verified usage">
              <UsageFacts usage={data.usage} />
            </Panel>
          )}
          <Panel id="built-with" title="Built with">
            <BuiltWith project={project} />
          </Panel>
          <Panel id="github" title="GitHub">
            <GithubFacts project={project} />
          </Panel>
          {project.status === 'published' && (
            <Panel id="badge" title="Embed the badge">
              <div className="space-y-2 text-sm">
                {/* The badge is an SVG this portal serves: next/image adds nothing. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={`${path}/badge.svg`}
                  alt={`${project.featured ? 'Featured' : 'Showcased'} on TuneTrail`}
                  width={220}
                  height={40}
                />
                <label htmlFor="badge-code" className="block font-medium">
                  HTML
                </label>
                <textarea
                  id="badge-code"
                  readOnly
                  rows={3}
                  className="w-full rounded-md border border-border bg-muted p-2 font-mono text-xs"
                  value={`<a href="${serverUrl()}${path}"><img src="${badgeUrl}" alt="Featured on TuneTrail" width="220" height="40"></a>`}
                />
              </div>
            </Panel>
          )}
        </div>
      </div>
    </div>
  )
}
