import { ActionForm, Field } from '@/components/Form/index.client'
import type { ShowcaseProject } from '@/payload-types'

import { featureAction, reviewAction } from '../../../actions'

/** Moderators approve or reject a submission; staff feature a published project. */
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
