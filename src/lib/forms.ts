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

/**
 * Form data as a plain object for a schema: repeated names listed in `arrays` become arrays
 * (checkbox groups), everything else keeps its last string value.
 */
export function formObject(formData: FormData, arrays: string[] = []): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$')) continue
    if (arrays.includes(key)) raw[key] = [...((raw[key] as string[] | undefined) ?? []), value]
    else raw[key] = value
  }
  for (const key of arrays) raw[key] ??= []
  return raw
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
