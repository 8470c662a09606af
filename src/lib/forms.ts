import 'server-only'

import type { APIError, ValidationError } from 'payload'
import type { z } from 'zod'

import type { FormState } from './formState'
import { logger } from './logger'

const SECRET_FIELDS = new Set(['password', 'confirmPassword', 'token'])

/** Form values to send back so a failed form keeps what was typed (never passwords or tokens). */
export function keptValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of formData.entries()) {
    if (typeof value === 'string' && !SECRET_FIELDS.has(name) && !name.startsWith('$')) {
      values[name] = value
    }
  }
  return values
}

type Parsed<T> = { data: T; state?: undefined } | { data?: undefined; state: FormState }

/** Parses form data with a zod schema; failures become field messages. */
export function parseForm<T extends z.ZodType>(schema: T, formData: FormData): Parsed<z.infer<T>> {
  const raw = Object.fromEntries(
    [...formData.entries()].filter(
      ([name, value]) => typeof value === 'string' && !name.startsWith('$'),
    ),
  )
  const result = schema.safeParse(raw)
  if (result.success) return { data: result.data }
  return { state: zodFormError(result.error, formData) }
}

/** A zod failure as form state: one message per field path (links.0.url …). */
export function zodFormError(error: z.ZodError, formData: FormData): FormState {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[issue.path.join('.')] ??= issue.message
  return {
    status: 'error',
    message: 'Please correct the highlighted fields.',
    errors,
    values: keptValues(formData),
  }
}

/** Maps an error thrown by the Local API to form state: field messages for validation errors. */
export function formError(
  error: unknown,
  formData: FormData,
  fallback = 'Something went wrong. Please try again.',
): FormState {
  const values = keptValues(formData)
  // Duck-typed: Next may bundle Payload's error classes apart from the instances thrown.
  const apiError = error as Partial<APIError> & { data?: ValidationError['data'] }
  if (Array.isArray(apiError.data?.errors) && apiError.data.errors.length > 0) {
    const errors: Record<string, string> = {}
    for (const item of apiError.data.errors) errors[item.path] ??= item.message
    return { status: 'error', message: 'Please correct the highlighted fields.', errors, values }
  }
  if (typeof apiError.status === 'number' && apiError.status < 500 && apiError.message) {
    return { status: 'error', message: apiError.message, values }
  }
  logger.error({
    msg: 'portal action failed',
    err: error instanceof Error ? error.message : String(error),
  })
  return { status: 'error', message: fallback, values }
}
