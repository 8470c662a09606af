'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'

import { personAction } from '@/actions/formAction'
import type { FormState } from '@/lib/formState'
import { SHOWCASE_LIMITS } from '@/lib/showcase/constants'
import { lockProject } from '@/lib/showcase/lock'
import { withPendingRevision } from '@/lib/showcase/review'
import { inTransaction } from '@/lib/transactions'
import { basicsSchema, detailsSchema, screenshotSchema, storySchema } from '@/schemas/showcase'

const next = (id: number, step: number) => redirect(`/showcase/submit?project=${id}&step=${step}`)

/** `story.whatItDoes` → `whatItDoes`: the form's fields are named without their group. */
const flatten = (state: FormState): FormState =>
  state.errors
    ? {
        ...state,
        errors: Object.fromEntries(
          Object.entries(state.errors).map(([path, message]) => [
            path.replace(/^story\./, ''),
            message,
          ]),
        ),
      }
    : state

/** Step 1: the basics; creates the draft, or saves it. */
export const saveBasicsAction = personAction({
  schema: basicsSchema,
  onError: (state) =>
    /unique|already/i.test(state.message ?? '') || state.errors?.slug
      ? {
          ...state,
          errors: {
            ...state.errors,
            slug: state.errors?.slug ?? 'This slug is taken: pick another.',
          },
        }
      : state,
  run: async ({ project, ...data }, { payload, user }) => {
    const values = {
      title: data.title,
      slug: data.slug,
      tagline: data.tagline,
      demoUrl: data.demoUrl || null,
      demoVideo: data.demoVideo || null,
      repository: data.repository || null,
    }
    const doc = project
      ? await payload.update({
          collection: 'showcase-projects',
          id: project,
          data: values,
          depth: 0,
          overrideAccess: false,
          user,
        })
      : await payload.create({
          collection: 'showcase-projects',
          data: { ...values, status: 'draft' },
          depth: 0,
          overrideAccess: false,
          user,
        })
    next(doc.id, 2)
    return { status: 'ok' }
  },
})

/** Step 2: the story, in four sections. */
export const saveStoryAction = personAction({
  schema: storySchema,
  onError: flatten,
  run: async ({ project, ...story }, { payload, user }) => {
    await payload.update({
      collection: 'showcase-projects',
      id: project,
      data: { story },
      depth: 0,
      overrideAccess: false,
      user,
    })
    next(project, 3)
    return { status: 'ok' }
  },
})

/** Step 3: adds a screenshot (with its alt text), or removes one. */
export const screenshotAction = personAction({
  schema: screenshotSchema,
  revalidate: () => ['/showcase/submit'],
  input: (formData) => ({
    project: formData.get('project'),
    alt: formData.get('alt') ?? undefined,
    remove: formData.get('remove') ?? undefined,
    file: formData.get('file'),
  }),
  run: async ({ project, alt, remove, file }, { payload, user, req }): Promise<FormState> => {
    // The list is read and written under the project's lock: two adds at once keep both, and a
    // moderator's decision in between is not undone by writing back what was read before it.
    const request = await req()
    const editList = (
      change: (rows: { id?: string | null; image: number; alt: string }[]) => typeof rows,
    ) =>
      inTransaction(request, async () => {
        await lockProject(request, project)
        const doc = await payload.findByID({
          collection: 'showcase-projects',
          id: project,
          depth: 0,
          overrideAccess: false,
          req: request,
        })
        // A published project's form edits the changes waiting for review, if there are any.
        const current = (withPendingRevision(doc).screenshots ?? []).map((row) => ({
          id: row.id,
          image: Number(row.image),
          alt: row.alt,
        }))
        const next = change(current)
        if (next.length > SHOWCASE_LIMITS.maxScreenshots) return false
        await payload.update({
          collection: 'showcase-projects',
          id: project,
          data: { screenshots: next.map((row) => ({ image: row.image, alt: row.alt })) },
          depth: 0,
          overrideAccess: false,
          req: request,
        })
        return true
      })
    const tooMany: FormState = {
      status: 'error',
      message: `At most ${SHOWCASE_LIMITS.maxScreenshots} screenshots.`,
    }
    if (remove) {
      await editList((rows) => rows.filter((row) => row.id !== remove))
      return { status: 'ok', message: 'Screenshot removed.' }
    }
    if (!(file instanceof File) || file.size === 0) {
      return {
        status: 'error',
        message: 'Choose an image.',
        errors: { file: 'Choose a PNG, JPEG, WebP or GIF image.' },
      }
    }
    if (!alt)
      return {
        status: 'error',
        message: 'Describe the screenshot.',
        errors: { alt: 'Describe what the screenshot shows.' },
      }
    // Checked before the upload too, so a full gallery stores no orphan image.
    const before = await payload.findByID({
      collection: 'showcase-projects',
      id: project,
      depth: 0,
      overrideAccess: false,
      user,
    })
    if ((withPendingRevision(before).screenshots ?? []).length >= SHOWCASE_LIMITS.maxScreenshots) {
      return tooMany
    }
    const media = await payload.create({
      collection: 'media',
      data: { alt },
      file: {
        data: Buffer.from(await file.arrayBuffer()),
        mimetype: file.type,
        name: file.name.replace(/[^\w.-]/g, '_').slice(-100) || 'screenshot.png',
        size: file.size,
      },
      overrideAccess: false,
      user,
    })
    const isAdded = await editList((rows) => [...rows, { image: media.id, alt }])
    return isAdded ? { status: 'ok', message: 'Screenshot added.' } : tooMany
  },
})

/** Step 4: what it is built with, the models it uses, its makers and the usage key. */
export const saveDetailsAction = personAction({
  schema: detailsSchema,
  lists: ['techStack', 'useCases', 'models'],
  run: async (data, { payload, user }) => {
    const makers = data.makers.length
      ? await payload.find({
          collection: 'users',
          where: { username: { in: data.makers } },
          depth: 0,
          limit: 10,
          overrideAccess: false,
          user,
          select: { username: true },
        })
      : { docs: [] }
    const missing = data.makers.filter((name) => !makers.docs.some((u) => u.username === name))
    if (missing.length) {
      return {
        status: 'error',
        message: 'Check the makers.',
        errors: { makers: `No member named ${missing.join(', ')}.` },
      }
    }
    await payload.update({
      collection: 'showcase-projects',
      id: data.project,
      data: {
        techStack: data.techStack,
        useCases: data.useCases,
        models: data.models,
        tags: data.tags.map((tag) => ({ tag })),
        makers: [
          { user: user.id },
          ...makers.docs.filter((u) => u.id !== user.id).map((u) => ({ user: u.id })),
        ],
        usageKey: data.usageKey ?? null,
        showUsageCounts: data.showUsageCounts,
      },
      depth: 0,
      overrideAccess: false,
      user,
    })
    next(data.project, 5)
    return { status: 'ok' }
  },
})

/** Step 5: submit for review (published at once for trusted makers), or go back to a draft. */
export const submitProjectAction = personAction({
  schema: z.object({
    project: z.coerce.number().int().positive(),
    intent: z.enum(['submit', 'draft']),
  }),
  revalidate: () => ['/showcase', '/showcase/my-projects'],
  onError: flatten,
  run: async ({ project, intent }, { payload, user }) => {
    const doc = await payload.update({
      collection: 'showcase-projects',
      id: project,
      data: { status: intent === 'submit' ? 'submitted' : 'draft' },
      depth: 0,
      overrideAccess: false,
      user,
    })
    redirect(`/showcase/projects/${doc.slug}`)
  },
})
