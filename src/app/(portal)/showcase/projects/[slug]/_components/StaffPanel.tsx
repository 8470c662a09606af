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
      <div className="flex flex-wrap items-end gap-4">
        <ActionForm
          action={reviewAction}
          submitLabel="Approve the changes"
          aria-label="Approve the changes"
        >
          <input type="hidden" name="project" value={project.id} />
          <input type="hidden" name="path" value={path} />
          <input type="hidden" name="decision" value="approve" />
        </ActionForm>
        <ActionForm
          action={reviewAction}
          submitLabel="Reject the changes"
          submitVariant="danger"
          aria-label="Reject the changes"
          className="flex flex-wrap items-end gap-2"
        >
          <input type="hidden" name="project" value={project.id} />
          <input type="hidden" name="path" value={path} />
          <input type="hidden" name="decision" value="reject" />
          <Field name="reason" label="Reason for the makers" maxLength={1000} required />
        </ActionForm>
      </div>
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
        <div className="flex flex-wrap items-end gap-4">
          <ActionForm action={reviewAction} submitLabel="Approve and publish" aria-label="Approve">
            <input type="hidden" name="project" value={project.id} />
            <input type="hidden" name="path" value={props.path} />
            <input type="hidden" name="decision" value="approve" />
          </ActionForm>
          {project.status !== 'rejected' && (
            <ActionForm
              action={reviewAction}
              submitLabel="Reject"
              submitVariant="danger"
              aria-label="Reject"
              className="flex flex-wrap items-end gap-2"
            >
              <input type="hidden" name="project" value={project.id} />
              <input type="hidden" name="path" value={props.path} />
              <input type="hidden" name="decision" value="reject" />
              <Field name="reason" label="Reason for the makers" maxLength={1000} required />
            </ActionForm>
          )}
        </div>
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
