import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq } from 'payload'

import { managesModel } from '@/access/modelAccess'
import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { ActionForm, Field } from '@/components/Form/index.client'
import { Panel } from '@/components/ui/card'
import { modelByHandle } from '@/data/models'
import { payloadClient, requireUser } from '@/data/session'
import {
  API_VERSIONS,
  FRAMEWORK_LABELS,
  FRAMEWORKS,
  LICENSES,
  MODEL_TASKS,
  OUTPUT_KINDS,
  RUNTIMES,
  SDKS,
  TASK_LABELS,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from '@/lib/models/constants'

import { deleteModelAction, updateModelAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Edit model' }

type Props = { params: Promise<{ owner: string; slug: string }> }

const text = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value)

/**
 * /models/<owner>/<slug>/edit: the model's details (name, card, metrics, visibility …) for its
 * owners, and deleting it. The address (owner and slug) stays; files change through a new
 * version.
 */
export default async function EditModelPage({ params }: Props) {
  const { owner, slug } = await params
  const user = await requireUser(`/models/${owner}/${slug}/edit`)
  const model = await modelByHandle(user, owner, slug)
  if (!model) notFound()
  const payload = await payloadClient()
  const req = await createLocalReq({ user: { ...user, collection: 'users' } }, payload)
  if (!(await managesModel(req, model.id))) notFound()
  const href = `/models/${model.ownerHandle}/${model.slug}`
  const metrics = (model.metrics ?? [])
    .map((row) =>
      [row.name, row.value, row.dataset, row.split].filter((v) => v !== null).join(', '),
    )
    .join('\n')
  const hours = model.training?.durationSeconds
    ? Math.round((model.training.durationSeconds / 3600) * 100) / 100
    : null
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm text-muted-foreground">
        <Link href={href} className="underline">
          {model.ownerHandle}/{model.slug}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">Edit {model.name}</h1>
      <p className="text-sm text-muted-foreground">
        Details apply at once and are noted in the changelog of the version in the works (or the
        latest). To change the files,{' '}
        <Link href={`/models/upload?model=${model.id}`} className="underline">
          start a new version
        </Link>
        .
      </p>
      <ActionForm
        action={updateModelAction}
        submitLabel="Save details"
        pendingLabel="Saving…"
        aria-label="Model details"
      >
        <input type="hidden" name="model" value={model.id} />
        <Field name="name" label="Name" required maxLength={100} defaultValue={model.name} />
        <Field
          name="summary"
          label="Summary"
          required
          maxLength={300}
          hint="One sentence."
          defaultValue={model.summary}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            name="task"
            label="Task"
            required
            defaultValue={model.task}
            options={MODEL_TASKS.map((value) => ({ value, label: TASK_LABELS[value] }))}
          />
          <Field
            name="framework"
            label="Framework"
            required
            defaultValue={model.framework}
            options={FRAMEWORKS.map((value) => ({ value, label: FRAMEWORK_LABELS[value] }))}
          />
          <Field
            name="license"
            label="License"
            required
            defaultValue={model.license}
            options={LICENSES.map((value) => ({ value, label: value }))}
          />
        </div>
        <Field
          name="visibility"
          label="Who can see it"
          defaultValue={model.visibility}
          options={VISIBILITIES.filter(
            (value) => value !== 'organization' || model.organization,
          ).map((value) => ({ value, label: VISIBILITY_LABELS[value] }))}
        />
        <Field
          name="tags"
          label="Tags"
          hint="Comma-separated: drums, lo-fi, edm."
          maxLength={500}
          defaultValue={(model.tags ?? []).map((row) => row.tag).join(', ')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="sampleRate"
            label="Sample rate (Hz)"
            type="number"
            defaultValue={text(model.audio?.sampleRate)}
          />
          <Field
            name="channels"
            label="Channels"
            type="number"
            defaultValue={text(model.audio?.channels)}
          />
          <Field
            name="inputSeconds"
            label="Input length (s)"
            type="number"
            defaultValue={text(model.audio?.inputSeconds)}
          />
          <Field
            name="outputKind"
            label="Output"
            defaultValue={model.audio?.outputKind ?? ''}
            options={[
              { value: '', label: 'Not said' },
              ...OUTPUT_KINDS.map((value) => ({ value, label: value })),
            ]}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="trainingDataset"
            label="Training data"
            maxLength={120}
            defaultValue={model.training?.dataset ?? ''}
          />
          <Field
            name="hardware"
            label="Training hardware"
            maxLength={120}
            defaultValue={model.training?.hardware ?? ''}
          />
          <Field
            name="trainingHours"
            label="Training duration (hours)"
            type="number"
            defaultValue={text(hours)}
          />
          <Field
            name="epochs"
            label="Epochs"
            type="number"
            defaultValue={text(model.training?.epochs)}
          />
        </div>
        <Field
          name="metrics"
          label="Metrics"
          multiline
          hint="One per line: name, value, dataset, split — accuracy, 0.91, GTZAN, test"
          defaultValue={metrics}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            name="apiVersions"
            label="TuneTrail API versions"
            hint={API_VERSIONS.join(', ')}
            defaultValue={(model.compatibility?.apiVersions ?? []).join(', ')}
          />
          <Field
            name="sdks"
            label="SDKs"
            hint={SDKS.join(', ')}
            defaultValue={(model.compatibility?.sdks ?? []).join(', ')}
          />
          <Field
            name="runtimes"
            label="Runtimes"
            hint={RUNTIMES.join(', ')}
            defaultValue={(model.compatibility?.runtimes ?? []).join(', ')}
          />
        </div>
        <Field
          name="card"
          label="Model card (Markdown)"
          multiline
          maxLength={50_000}
          defaultValue={model.card ?? ''}
        />
      </ActionForm>
      <Panel
        id="danger"
        title="Delete this model"
        description="Its versions, files, stars, ratings and comments go with it. Forks stay, as originals."
      >
        <ConfirmAction
          action={deleteModelAction}
          fields={{ model: String(model.id) }}
          label="Delete model"
          title={`Delete ${model.name}?`}
          description="This cannot be undone: every version and file of it is deleted."
          confirmLabel="Delete model"
        />
      </Panel>
    </div>
  )
}
