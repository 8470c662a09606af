import Image from 'next/image'

import { ActionForm, Field } from '@/components/Form/index.client'
import { revisionContent, revisionVersion } from '@/lib/showcase/review'
import type { Media, ShowcaseProject } from '@/payload-types'

import { featureAction, reviewAction } from '../../../actions'
import { idOf } from '../../../_components/ids'
import { localPath, shotsOf } from '../../../_components/media'

/** What the panel shows of held changes besides their text (src/data/showcase.ts). */
export type PendingView = { media: Media[]; names: Map<number, string> }

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  tagline: 'Tagline',
  story: 'Story',
  screenshots: 'Screenshots',
  demoVideo: 'Demo video',
  demoUrl: 'Demo link',
  repository: 'Repository',
  tags: 'Tags',
  models: 'TuneTrail models',
  techStack: 'Tech stack',
  useCases: 'Use cases',
}

/** How a proposed value reads in the moderation panel. */
function proposed(field: string, value: unknown, names: Map<number, string>): string {
  if (field === 'tags') {
    const rows = (value ?? []) as { tag?: string }[]
    return rows.map((row) => `#${row.tag}`).join(' ') || '(none)'
  }
  if (field === 'models' || field === 'techStack' || field === 'useCases') {
    const ids = ((value ?? []) as unknown[]).map(idOf)
    return ids.map((id) => names.get(id) ?? `(unknown #${id})`).join(', ') || '(none)'
  }
  if (field === 'story') {
    return Object.values((value ?? {}) as Record<string, string | null>)
      .filter(Boolean)
      .join('\n\n')
  }
  return String(value ?? '(none)')
}

/** A moderator's approve button and reject form (with the reason the makers read). */
function Decision(props: {
  projectId: number
  path: string
  approve: string
  /** The approve form's accessible name, when not its button's label. */
  approveName?: string
  reject: string | null
  /** The version of the held changes shown: a decision on changes edited since is refused. */
  version?: string
}) {
  const hidden = (decision: 'approve' | 'reject') => (
    <>
      <input type="hidden" name="project" value={props.projectId} />
      <input type="hidden" name="path" value={props.path} />
      <input type="hidden" name="decision" value={decision} />
      {props.version && <input type="hidden" name="version" value={props.version} />}
    </>
  )
  return (
    <div className="flex flex-wrap items-end gap-4">
      <ActionForm
        action={reviewAction}
        submitLabel={props.approve}
        aria-label={props.approveName ?? props.approve}
      >
        {hidden('approve')}
      </ActionForm>
      {props.reject && (
        <ActionForm
          action={reviewAction}
          submitLabel={props.reject}
          submitVariant="danger"
          aria-label={props.reject}
          className="flex flex-wrap items-end gap-2"
        >
          {hidden('reject')}
          <Field name="reason" label="Reason for the makers" maxLength={1000} required />
        </ActionForm>
      )}
    </div>
  )
}

/** Screenshots as thumbnails with their alt texts, the live ones or the proposed ones. */
function Thumbnails(props: { label: string; shots: { src: string; alt: string }[] }) {
  return (
    <figure className="min-w-0 space-y-1">
      <figcaption className="text-xs font-medium">{props.label}</figcaption>
      <ul aria-label={props.label} className="flex flex-wrap gap-2">
        {props.shots.map((shot, index) => (
          <li key={`${index}-${shot.src}`} className="w-32 space-y-1">
            <Image
              unoptimized
              src={shot.src}
              alt={shot.alt}
              width={128}
              height={72}
              className="h-auto w-full rounded border border-border object-cover"
            />
            <span className="block break-words text-xs">{shot.alt}</span>
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** The live screenshots next to the proposed ones (uploads not found show as missing). */
function ScreenshotChanges(props: { project: ShowcaseProject; value: unknown; media: Media[] }) {
  const rows = (props.value ?? []) as { image?: unknown; alt?: string }[]
  const proposedShots = rows.map((row) => {
    const media = props.media.find((doc) => doc.id === idOf(row.image))
    const url = media?.sizes?.card?.url ?? media?.url
    return { src: url ? localPath(url) : '', alt: String(row.alt ?? '') }
  })
  return (
    <div className="flex flex-wrap gap-6">
      <Thumbnails
        label="Live screenshots"
        shots={shotsOf(props.project).map((shot) => ({ src: shot.thumb, alt: shot.alt }))}
      />
      <Thumbnails label="Proposed screenshots" shots={proposedShots.filter((shot) => shot.src)} />
      {proposedShots.some((shot) => !shot.src) && (
        <p className="text-destructive">Some proposed screenshots are missing their upload.</p>
      )}
    </div>
  )
}

/** A maker's changes to the published page, for a moderator to approve or reject. */
function PendingChanges(props: { project: ShowcaseProject; path: string; view: PendingView }) {
  const { project, path, view } = props
  const changes = Object.entries(revisionContent(project.pendingRevision))
  const version = revisionVersion(project.pendingRevision)
  return (
    <section aria-labelledby="pending-changes" className="space-y-3">
      <h3 id="pending-changes" className="font-semibold">
        Changes waiting for review
      </h3>
      <dl className="space-y-2 text-sm">
        {changes.map(([field, value]) => (
          <div key={field}>
            <dt className="font-medium">{FIELD_LABELS[field] ?? field}</dt>
            <dd className="whitespace-pre-line break-words text-muted-foreground">
              {field === 'screenshots' ? (
                <ScreenshotChanges project={project} value={value} media={view.media} />
              ) : (
                proposed(field, value, view.names)
              )}
            </dd>
          </div>
        ))}
      </dl>
      <Decision
        projectId={project.id}
        path={path}
        approve="Approve the changes"
        reject="Reject the changes"
        version={version}
      />
    </section>
  )
}

/**
 * Moderators approve or reject a submission (or a published project's pending changes); staff
 * feature a published project.
 */
export function StaffPanel(props: {
  project: ShowcaseProject
  path: string
  isModerator: boolean
  isStaff: boolean
  /** For held changes: loaded by the page when a moderator views them. */
  pending: PendingView | null
}) {
  const { project } = props
  return (
    <div className="space-y-4">
      {props.isModerator && project.status !== 'published' && (
        <Decision
          projectId={project.id}
          path={props.path}
          approve="Approve and publish"
          approveName="Approve"
          reject={project.status === 'rejected' ? null : 'Reject'}
        />
      )}
      {props.isModerator &&
        project.status === 'published' &&
        project.pendingRevision &&
        props.pending && (
          <PendingChanges project={project} path={props.path} view={props.pending} />
        )}
      {props.isStaff && project.status === 'published' && (
        <ActionForm
          action={featureAction}
          submitLabel={project.featured ? 'Stop featuring' : 'Feature on the showcase'}
          submitVariant="outline"
          aria-label="Feature"
        >
          <input type="hidden" name="project" value={project.id} />
          <input type="hidden" name="path" value={props.path} />
          <input type="hidden" name="featured" value={project.featured ? 'false' : 'true'} />
        </ActionForm>
      )}
    </div>
  )
}
