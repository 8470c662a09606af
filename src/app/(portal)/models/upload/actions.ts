'use server'

import { redirect } from 'next/navigation'

import { personAction } from '@/actions/formAction'
import { modelMetadataSchema, newVersionSchema } from '@/schemas/models'

/** Step 1: the model as a draft, with its first version (1.0.0) ready for files. */
export const createModelAction = personAction({
  schema: modelMetadataSchema,
  run: async (data, { payload, user }) => {
    const model = await payload.create({
      collection: 'ml-models',
      data: {
        name: data.name,
        slug: data.slug,
        summary: data.summary,
        card: data.card,
        task: data.task,
        framework: data.framework,
        license: data.license,
        visibility: data.visibility,
        organization: data.organization ?? null,
        tags: data.tags,
        metrics: data.metrics,
        audio: {
          sampleRate: data.sampleRate,
          channels: data.channels,
          inputSeconds: data.inputSeconds,
        },
        training: {
          dataset: data.trainingDataset || undefined,
          durationSeconds: data.trainingHours ? Math.round(data.trainingHours * 3600) : undefined,
          hardware: data.hardware || undefined,
          epochs: data.epochs,
        },
      },
      depth: 0,
      overrideAccess: false,
      user,
    })
    await payload.create({
      collection: 'model-versions',
      data: { model: model.id, label: '1.0.0', changelog: 'First version.' },
      overrideAccess: false,
      user,
    })
    redirect(`/models/upload?model=${model.id}`)
  },
})

/** A new version of a published model: a draft to upload its files into. */
export const createVersionAction = personAction({
  schema: newVersionSchema,
  // Only a clash of labels is that; an error about the model (not yours, gone) keeps its words.
  onError: (state) =>
    state.errors?.model
      ? { ...state, message: state.errors.model }
      : /unique|already/i.test(state.message ?? '')
        ? { ...state, errors: { ...state.errors, label: 'This model already has that version.' } }
        : state,
  run: async (data, { payload, user }) => {
    await payload.create({
      collection: 'model-versions',
      data: { model: data.model, label: data.label, changelog: data.changelog },
      overrideAccess: false,
      user,
    })
    redirect(`/models/upload?model=${data.model}`)
  },
})
