import { ActionForm, Field } from '@/components/Form/index.client'
import { revisionContent } from '@/lib/showcase/review'
import type { ShowcaseProject } from '@/payload-types'

import { featureAction, reviewAction } from '../../../actions'

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  tagline: 'Tagline',
  story: 'Story',
  screenshots: 'Screenshots',
  demoVideo: 'Demo video',
  demoUrl: 'Demo link',
  repository: 'Repository',
}

/** How a proposed value reads in the moderation panel. */
function proposed(field: string, value: unknown): string {
  if (field === 'screenshots') {
    const rows = (value ?? []) as { alt?: string }[]
    return `${rows.length} screenshot(s): ${rows.map((row) => row.alt).join('; ')}`
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
}) {
  const hidden = (decision: 'approve' | 'reject') => (
    <>
      <input type="hidden" name="project" value={props.projectId} />
      <input type="hidden" name="path" value={props.path} />
      <input type="hidden" name="decision" value={decision} />
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

/** A maker's changes to the published page, for a moderator to approve or reject. */
function PendingChanges({ project, path }: { project: ShowcaseProject; path: string }) {
  const changes = Object.entries(revisionContent(project.pendingRevision))
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
              {proposed(field, value)}
            </dd>
          </div>
        ))}
      </dl>
      <Decision
        projectId={project.id}
        path={path}
        approve="Approve the changes"
        reject="Reject the changes"
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
      {props.isModerator && project.status === 'published' && project.pendingRevision && (
        <PendingChanges project={project} path={props.path} />
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
