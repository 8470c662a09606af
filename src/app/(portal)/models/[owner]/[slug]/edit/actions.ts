'use server'

import { redirect } from 'next/navigation'

import { personAction } from '@/actions/formAction'
import { db } from '@/lib/db'
import type { MlModel } from '@/payload-types'
import { deleteModelSchema, modelEditSchema } from '@/schemas/models'

/** What an edit compares, by label: the fields a reader of the changelog knows. */
const EDITED: [string, (model: Partial<MlModel>) => unknown][] = [
  ['name', (m) => m.name],
  ['summary', (m) => m.summary],
  ['card', (m) => m.card ?? ''],
  ['task', (m) => m.task],
  ['framework', (m) => m.framework],
  ['license', (m) => m.license],
  ['visibility', (m) => m.visibility],
  ['tags', (m) => (m.tags ?? []).map((row) => row.tag)],
  [
    'audio details',
    (m) => [m.audio?.sampleRate, m.audio?.channels, m.audio?.inputSeconds, m.audio?.outputKind],
  ],
  [
    'training info',
    (m) => [
      m.training?.dataset,
      m.training?.durationSeconds,
      m.training?.hardware,
      m.training?.epochs,
    ],
  ],
  ['metrics', (m) => (m.metrics ?? []).map((r) => [r.name, r.value, r.dataset, r.split])],
  [
    'compatibility',
    (m) => [m.compatibility?.apiVersions, m.compatibility?.sdks, m.compatibility?.runtimes],
  ],
]

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a, (_key, value) => (value === null ? undefined : value)) ===
  JSON.stringify(b, (_key, value) => (value === null ? undefined : value))

/**
 * Saves a model's details. They describe the model, not one version's files, so they apply at
 * once; what changed is written into the changelog of the version in the works (the draft), or
 * of the latest one, so the history says when the card or the metrics changed. New files are a
 * new version (/models/upload?model=).
 */
export const updateModelAction = personAction({
  schema: modelEditSchema,
  run: async (data, { payload, user }) => {
    const as = { overrideAccess: false, user, depth: 0 } as const
    const before = await payload
      .findByID({ collection: 'ml-models', id: data.model, ...as })
      .catch(() => null)
    if (!before) return { status: 'error', message: 'No model of yours has this id.' }
    const updated = await payload.update({
      collection: 'ml-models',
      id: data.model,
      data: {
        name: data.name,
        summary: data.summary,
        card: data.card,
        task: data.task,
        framework: data.framework,
        license: data.license,
        visibility: data.visibility,
        tags: data.tags,
        metrics: data.metrics,
        audio: {
          sampleRate: data.sampleRate ?? null,
          channels: data.channels ?? null,
          inputSeconds: data.inputSeconds ?? null,
          outputKind: data.outputKind ?? null,
        },
        training: {
          dataset: data.trainingDataset || null,
          durationSeconds: data.trainingHours ? Math.round(data.trainingHours * 3600) : null,
          hardware: data.hardware || null,
          epochs: data.epochs ?? null,
        },
        compatibility: {
          apiVersions: data.apiVersions,
          sdks: data.sdks,
          runtimes: data.runtimes,
        },
      },
      ...as,
    })
    const changed = EDITED.filter(([, read]) => !same(read(before), read(updated))).map(
      ([label]) => label,
    )
    if (changed.length) {
      const sql = await db({ payload })
      await sql.query(
        `UPDATE model_versions
            SET changelog = concat_ws(E'\\n', nullif(changelog, ''), $2::text), updated_at = now()
          WHERE id = (SELECT id FROM model_versions WHERE model_id = $1
                       ORDER BY (status = 'draft') DESC, created_at DESC LIMIT 1)`,
        [
          updated.id,
          `Details edited ${new Date().toISOString().slice(0, 10)}: ${changed.join(', ')}.`,
        ],
      )
    }
    redirect(`/models/${updated.ownerHandle}/${updated.slug}?edited=1`)
  },
})

/**
 * Deletes a model after its owner confirmed: its files (and stored objects no fork
 * references), versions, stars, ratings and comments go with it (collections/MlModels/hooks.ts).
 */
export const deleteModelAction = personAction({
  schema: deleteModelSchema,
  isHidden: true,
  run: async ({ model }, { payload, user }) => {
    await payload.delete({ collection: 'ml-models', id: model, overrideAccess: false, user })
    redirect('/models/my-models?deleted=1')
  },
})
