import 'server-only'

import { revalidatePath } from 'next/cache'
import { unstable_rethrow } from 'next/navigation'
import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'
import type { z } from 'zod'

import { clientIp, currentUser, payloadClient } from '@/data/session'
import { formError, formObject, zodFormError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import type { User } from '@/payload-types'

export const SIGNED_OUT: FormState = {
  status: 'error',
  message: 'Your session has ended. Log in again.',
}

export type PublicContext = {
  payload: Payload
  formData: FormData
  /** The client address our server resolved, for limits and the audit log. */
  ip: () => Promise<string>
}

export type PersonContext = PublicContext & {
  user: User
  /** A Payload request as this person, carrying the client address (for library calls). */
  req: () => Promise<PayloadRequest>
}

type Options<Schema extends z.ZodType, State extends FormState, Context> = {
  schema: Schema
  /** The form as the schema reads it; by default its text fields, `lists` as arrays. */
  input?: (formData: FormData) => unknown
  /** Failures of the schema are the form's message, not a field's (hidden fields: a token). */
  isHidden?: boolean
  /** Fields that hold several values (checkbox groups): kept, comma-joined, on failure. */
  lists?: string[]
  /** The message when something unexpected fails. */
  failure?: string
  /** Rewrites a failure (a friendlier word for a known conflict). */
  onError?: (state: FormState) => FormState
  /**
   * Pages to refresh once it succeeded (`{ layout }`: every page under a layout); an action that
   * redirects refreshes its own before.
   */
  revalidate?: (data: z.infer<Schema>) => (string | { layout: string })[]
  run: (data: z.infer<Schema>, context: Context) => Promise<NoInfer<State>>
}

type Action<State> = (state: State, formData: FormData) => Promise<State>

function withLists(state: FormState, formData: FormData, lists: string[] = []): FormState {
  if (lists.length === 0) return state
  const values = { ...state.values }
  for (const list of lists) values[list] = formData.getAll(list).map(String).join(',')
  return { ...state, values }
}

async function runForm<Schema extends z.ZodType, State extends FormState, Context>(
  options: Options<Schema, State, Context>,
  formData: FormData,
  context: Context,
): Promise<State> {
  const input = options.input?.(formData) ?? formObject(formData, options.lists)
  const parsed = options.schema.safeParse(input)
  if (!parsed.success) {
    if (options.isHidden)
      return { status: 'error', message: parsed.error.issues[0].message } as State
    return withLists(zodFormError(parsed.error, formData), formData, options.lists) as State
  }
  let state: State
  try {
    state = await options.run(parsed.data, context)
  } catch (error) {
    // Next's redirect() and notFound() are thrown: they are answers, not failures.
    unstable_rethrow(error)
    const failed = withLists(formError(error, formData, options.failure), formData, options.lists)
    return (options.onError?.(failed) ?? failed) as State
  }
  if (state.status !== 'error') {
    for (const page of options.revalidate?.(parsed.data) ?? []) {
      if (typeof page === 'string') revalidatePath(page)
      else revalidatePath(page.layout, 'layout')
    }
  }
  return state
}

const publicContext = async (formData: FormData): Promise<PublicContext> => ({
  payload: await payloadClient(),
  formData,
  ip: clientIp,
})

/**
 * A server action for a signed-in person (never an API key): parses the form with `schema`
 * (field messages on failure, the typed values kept), runs, maps errors thrown by Payload to
 * field messages, and refreshes `revalidate` on success.
 */
export function personAction<Schema extends z.ZodType, State extends FormState = FormState>(
  options: Options<Schema, State, PersonContext>,
): Action<State> {
  return async (_state, formData) => {
    const user = await currentUser()
    if (!user || (user as KeyUser).apiKey) return SIGNED_OUT as State
    const base = await publicContext(formData)
    const context: PersonContext = {
      ...base,
      user,
      req: async () =>
        createLocalReq(
          {
            user: { ...user, collection: 'users' } as TypedUser,
            context: { ip: await clientIp() },
          },
          base.payload,
        ),
    }
    return runForm(options, formData, context)
  }
}

/** The same for forms anyone may send (sign-up, login, links from mail). */
export function publicAction<Schema extends z.ZodType, State extends FormState = FormState>(
  options: Options<Schema, State, PublicContext>,
): Action<State> {
  return async (_state, formData) => runForm(options, formData, await publicContext(formData))
}
