import { CheckboxCards } from '@/components/CheckboxCards/index.client'
import { ActionForm, Field } from '@/components/Form/index.client'
import { Button } from '@/components/ui/button'
import type { ApiKey, MlModel, ShowcaseProject, ShowcaseTopic } from '@/payload-types'

import { Gallery } from '../../_components/Gallery.client'
import { idOf } from '../../_components/ids'
import { shotsOf } from '../../_components/media'
import { saveBasicsAction, saveDetailsAction, saveStoryAction, screenshotAction } from '../actions'

const Hidden = ({ project }: { project: ShowcaseProject | null }) =>
  project ? <input type="hidden" name="project" value={project.id} /> : null

export function BasicsStep({ project }: { project: ShowcaseProject | null }) {
  return (
    <ActionForm action={saveBasicsAction} submitLabel="Save and continue" aria-label="Basics">
      <Hidden project={project} />
      <Field
        name="title"
        label="Name"
        required
        maxLength={80}
        defaultValue={project?.title ?? ''}
      />
      <Field
        name="slug"
        label="Address"
        required
        maxLength={64}
        hint="Lower-case letters, digits and dashes: /showcase/projects/<address>."
        defaultValue={project?.slug ?? ''}
      />
      <Field
        name="tagline"
        label="Tagline"
        required
        maxLength={80}
        hint="One line, up to 80 characters."
        defaultValue={project?.tagline ?? ''}
      />
      <Field
        name="demoUrl"
        label="Live demo link (optional)"
        type="url"
        defaultValue={project?.demoUrl ?? ''}
      />
      <Field
        name="demoVideo"
        label="Demo video (optional)"
        type="url"
        hint="A YouTube, Vimeo or Loom link; shown with the privacy-enhanced player."
        defaultValue={project?.demoVideo ?? ''}
      />
      <Field
        name="repository"
        label="GitHub repository (optional)"
        hint="owner/name or its URL; we show its stars, language and licence."
        defaultValue={project?.repository ?? ''}
      />
    </ActionForm>
  )
}

export function StoryStep({ project }: { project: ShowcaseProject }) {
  const story = project.story ?? {}
  return (
    <ActionForm action={saveStoryAction} submitLabel="Save and continue" aria-label="Story">
      <Hidden project={project} />
      <Field
        name="whatItDoes"
        label="What it does (Markdown)"
        multiline
        required
        maxLength={20_000}
        defaultValue={story.whatItDoes ?? ''}
      />
      <Field
        name="howBuilt"
        label="How it was built (Markdown)"
        multiline
        maxLength={20_000}
        defaultValue={story.howBuilt ?? ''}
      />
      <Field
        name="challenges"
        label="Challenges (Markdown)"
        multiline
        maxLength={20_000}
        defaultValue={story.challenges ?? ''}
      />
      <Field
        name="whatsNext"
        label="What’s next (Markdown)"
        multiline
        maxLength={20_000}
        defaultValue={story.whatsNext ?? ''}
      />
    </ActionForm>
  )
}

export function ScreenshotsStep({ project }: { project: ShowcaseProject }) {
  const shots = shotsOf(project)
  return (
    <div className="space-y-6">
      <Gallery shots={shots} title={project.title} />
      {(project.screenshots ?? []).length > 0 && (
        <ul aria-label="Remove screenshots" className="flex flex-wrap gap-2">
          {(project.screenshots ?? []).map((row, index) => (
            <li key={row.id}>
              <ActionForm
                action={screenshotAction}
                submitLabel={`Remove screenshot ${index + 1}`}
                submitVariant="outline"
                aria-label={`Remove screenshot ${index + 1}`}
              >
                <Hidden project={project} />
                <input type="hidden" name="remove" value={row.id ?? ''} />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <ActionForm
        action={screenshotAction}
        submitLabel="Add screenshot"
        aria-label="Add a screenshot"
      >
        <Hidden project={project} />
        <Field
          name="file"
          label="Image (PNG, JPEG, WebP or GIF, up to 2 MB)"
          type="file"
          required
        />
        <Field
          name="alt"
          label="Alt text"
          required
          maxLength={200}
          hint="What the screenshot shows, for people who cannot see it."
        />
      </ActionForm>
      <Button asChild variant="outline">
        <a href={`/showcase/submit?project=${project.id}&step=4`}>Continue to details</a>
      </Button>
    </div>
  )
}

export function DetailsStep(props: {
  project: ShowcaseProject
  topics: ShowcaseTopic[]
  models: MlModel[]
  keys: ApiKey[]
  names: Map<number, string>
  viewerId: number
}) {
  const { project } = props
  const selected = (values: unknown[] | null | undefined) =>
    new Set((values ?? []).map((v) => String(idOf(v))))
  const others = (project.makers ?? [])
    .filter((m) => idOf(m.user) !== props.viewerId)
    .map((m) => props.names.get(idOf(m.user)))
    .filter(Boolean)
  const keyOptions = [
    { value: '', label: 'No key' },
    ...props.keys.map((k) => ({ value: String(k.id), label: `${k.name} (${k.display})` })),
  ]
  return (
    <ActionForm action={saveDetailsAction} submitLabel="Save and preview" aria-label="Details">
      <Hidden project={project} />
      <CheckboxCards
        legend="Tech stack"
        name="techStack"
        className="grid-cols-2 sm:grid-cols-3"
        options={props.topics
          .filter((t) => t.kind === 'tech')
          .map((t) => ({ value: String(t.id), label: t.name, description: '' }))}
        selected={selected(project.techStack)}
      />
      <CheckboxCards
        legend="Use cases"
        name="useCases"
        className="grid-cols-2 sm:grid-cols-3"
        options={props.topics
          .filter((t) => t.kind === 'use-case')
          .map((t) => ({ value: String(t.id), label: t.name, description: '' }))}
        selected={selected(project.useCases)}
      />
      <CheckboxCards
        legend="TuneTrail models used"
        name="models"
        className="sm:grid-cols-2"
        options={props.models.map((m) => ({
          value: String(m.id),
          label: m.name,
          description: `${m.ownerHandle}/${m.slug}`,
        }))}
        selected={selected(project.models)}
      />
      <Field
        name="tags"
        label="Tags (optional)"
        hint="Comma-separated, e.g. dj, live, web-audio."
        defaultValue={(project.tags ?? []).map((t) => t.tag).join(', ')}
      />
      <Field
        name="makers"
        label="Other makers (optional)"
        hint="Usernames, comma-separated. They are listed once they accept."
        defaultValue={others.join(', ')}
      />
      <Field
        name="usageKey"
        label="API key for the verified-usage badge (optional)"
        hint="One of your personal keys: the page shows which endpoints it called in the last 30 days."
        options={keyOptions}
        defaultValue={project.usageKey ? String(idOf(project.usageKey)) : ''}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="showUsageCounts"
          defaultChecked={Boolean(project.showUsageCounts)}
        />
        Show how many calls, not only which endpoints
      </label>
    </ActionForm>
  )
}
