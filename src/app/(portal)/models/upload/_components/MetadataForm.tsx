import { ActionForm, Field } from '@/components/Form/index.client'
import {
  FRAMEWORK_LABELS,
  FRAMEWORKS,
  LICENSES,
  MODEL_TASKS,
  TASK_LABELS,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from '@/lib/models/constants'

import { createModelAction } from '../actions'

type Props = { organizations: { id: number; name: string }[] }

/** Step 1: what the model is, who may see it, how it was trained and how well it does. */
export function MetadataForm({ organizations }: Props) {
  return (
    <ActionForm
      action={createModelAction}
      submitLabel="Save draft and continue"
      pendingLabel="Saving…"
      aria-label="Model details"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Name" required maxLength={100} />
        <Field
          name="slug"
          label="Slug"
          required
          maxLength={64}
          hint="In the address: /models/you/<slug>. Lower-case letters, digits, dashes."
        />
      </div>
      <Field name="summary" label="Summary" required maxLength={300} hint="One sentence." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          name="task"
          label="Task"
          required
          options={MODEL_TASKS.map((value) => ({ value, label: TASK_LABELS[value] }))}
        />
        <Field
          name="framework"
          label="Framework"
          required
          options={FRAMEWORKS.map((value) => ({ value, label: FRAMEWORK_LABELS[value] }))}
        />
        <Field
          name="license"
          label="License"
          required
          options={LICENSES.map((value) => ({ value, label: value }))}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="visibility"
          label="Who can see it"
          options={VISIBILITIES.map((value) => ({ value, label: VISIBILITY_LABELS[value] }))}
        />
        <Field
          name="organization"
          label="Owner"
          options={[
            { value: '', label: 'You' },
            ...organizations.map((org) => ({ value: String(org.id), label: org.name })),
          ]}
        />
      </div>
      <Field name="tags" label="Tags" hint="Comma-separated: drums, lo-fi, edm." maxLength={500} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="sampleRate" label="Sample rate (Hz)" type="number" />
        <Field name="channels" label="Channels" type="number" />
        <Field name="inputSeconds" label="Input length (s)" type="number" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="trainingDataset" label="Training data" maxLength={120} />
        <Field name="hardware" label="Training hardware" maxLength={120} />
        <Field name="trainingHours" label="Training duration (hours)" type="number" />
        <Field name="epochs" label="Epochs" type="number" />
      </div>
      <Field
        name="metrics"
        label="Metrics"
        multiline
        hint="One per line: name, value, dataset, split — accuracy, 0.91, GTZAN, test"
      />
      <Field name="card" label="Model card (Markdown)" multiline maxLength={50_000} />
    </ActionForm>
  )
}
