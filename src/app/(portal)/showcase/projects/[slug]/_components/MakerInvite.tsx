import { ActionForm } from '@/components/Form/index.client'

import { makerAction } from '../../../actions'

/** The invitation a listed maker sees until they accept or decline. */
export function MakerInvite({ projectId, path }: { projectId: number; path: string }) {
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-md border border-border p-3 text-sm">
      <p className="w-full">You are invited to be listed as a maker of this project.</p>
      <ActionForm action={makerAction} submitLabel="Accept" aria-label="Accept being listed">
        <input type="hidden" name="project" value={projectId} />
        <input type="hidden" name="path" value={path} />
        <input type="hidden" name="accept" value="true" />
      </ActionForm>
      <ActionForm
        action={makerAction}
        submitLabel="Decline"
        submitVariant="outline"
        aria-label="Decline being listed"
      >
        <input type="hidden" name="project" value={projectId} />
        <input type="hidden" name="path" value={path} />
        <input type="hidden" name="accept" value="false" />
      </ActionForm>
    </div>
  )
}
