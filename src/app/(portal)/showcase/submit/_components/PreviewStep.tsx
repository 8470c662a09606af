import { ActionForm } from '@/components/Form/index.client'
import { Markdown } from '@/components/Markdown'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { STATUS_LABELS } from '@/lib/showcase/constants'
import type { ShowcaseProject } from '@/payload-types'

import { Gallery } from '../../_components/Gallery.client'
import { shotsOf, topicsOf } from '../../_components/media'
import { submitProjectAction } from '../actions'

/** The project as the page will show it, and the submit (or back-to-draft) button. */
export function PreviewStep({
  project,
  isTrusted,
}: {
  project: ShowcaseProject
  isTrusted: boolean
}) {
  const canSubmit = project.status === 'draft' || project.status === 'rejected'
  return (
    <div className="space-y-6">
      <section
        aria-labelledby="preview-title"
        className="space-y-3 rounded-lg border border-dashed border-border p-4"
      >
        <p className="text-xs tracking-wide text-muted-foreground uppercase">Preview</p>
        <h2 id="preview-title" className="text-xl font-semibold">
          {project.title}
        </h2>
        <p className="text-muted-foreground">{project.tagline}</p>
        <p className="flex flex-wrap gap-1.5">
          <Badge tone="warning">{STATUS_LABELS[project.status]}</Badge>
          {topicsOf(project.techStack).map((t) => (
            <Badge key={t.id} tone="neutral">
              {t.name}
            </Badge>
          ))}
        </p>
        <Gallery shots={shotsOf(project)} title={project.title} />
        {project.story?.whatItDoes ? (
          <Markdown>{project.story.whatItDoes}</Markdown>
        ) : (
          <p className="text-sm text-muted-foreground">No story yet.</p>
        )}
      </section>
      {project.status === 'published' && project.pendingRevision && (
        <Alert tone="info">
          Changes pending review: this preview shows your edits; the public page keeps the last
          approved version until a moderator approves them.
        </Alert>
      )}
      {project.status === 'rejected' && project.rejectionReason && (
        <Alert tone="error">Not approved last time: {project.rejectionReason}</Alert>
      )}
      {canSubmit ? (
        <div className="flex flex-wrap gap-3">
          <ActionForm
            action={submitProjectAction}
            submitLabel={isTrusted ? 'Publish' : 'Submit for review'}
            aria-label="Submit"
          >
            <input type="hidden" name="project" value={project.id} />
            <input type="hidden" name="intent" value="submit" />
          </ActionForm>
          <p className="self-center text-sm text-muted-foreground">
            {isTrusted
              ? 'You have a published project, so this goes live at once.'
              : 'A moderator reviews it first; you will be notified.'}{' '}
            Until then it stays a draft only you can see.
          </p>
        </div>
      ) : (
        project.status === 'submitted' && (
          <ActionForm
            action={submitProjectAction}
            submitLabel="Withdraw to draft"
            submitVariant="outline"
            aria-label="Withdraw"
          >
            <input type="hidden" name="project" value={project.id} />
            <input type="hidden" name="intent" value="draft" />
          </ActionForm>
        )
      )}
    </div>
  )
}
