'use client'

import { useId, useRef, useSyncExternalStore, type ReactNode } from 'react'

import { useActionFeedback } from '@/components/Toaster/feedback'

import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { FormState } from '@/lib/formState'

const noSubscription = () => () => {}
/** False while rendering on the server and hydrating, true afterwards. */
export const useIsClient = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )

/** Minutes to add to a local time for UTC at that date (0 before hydration: read as UTC). */
export function offsetAt(localValue: string, isClient: boolean): number {
  if (!isClient) return 0
  const date = localValue ? new Date(localValue) : new Date()
  return Number.isNaN(date.getTime()) ? new Date().getTimezoneOffset() : date.getTimezoneOffset()
}

export type InputProps = {
  id: string
  name: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** A labelled control with its hint and error tied to it (the control is a render prop). */
export function TextField({
  name,
  label,
  hint,
  error,
  isRequired,
  children,
}: {
  name: string
  label: string
  hint?: string
  error?: string
  isRequired?: boolean
  children: (props: InputProps) => ReactNode
}) {
  const id = useId()
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>
        {label}
        {isRequired && (
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        )}
      </Label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

/** Who owns what is being created: the person, or one of the organizations they manage. */
export function OwnerField({
  organizations,
  value,
  error,
  hint,
}: {
  organizations: { id: number; name: string }[]
  value: string
  error?: string
  hint: string
}) {
  if (organizations.length === 0) return null
  return (
    <TextField name="organization" label="Owner" error={error} hint={hint}>
      {(props) => (
        <Select {...props} key={`organization:${value}`} defaultValue={value}>
          <option value="">Personal</option>
          {organizations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </Select>
      )}
    </TextField>
  )
}

/** A field's hint and error, with the ids its control's `aria-describedby` names. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </>
  )
}

/**
 * A field's value after a failed submit (what was sent) or its default, as props: keyed by
 * the value, so React re-creates the uncontrolled control when the action state changes it.
 */
export const remembered = (name: string, value: string) => ({
  key: `${name}:${value}`,
  defaultValue: value,
})

/** A form whose action returns a state: its message on top, its submit button at the end. */
export function StateForm({
  action,
  state,
  pending,
  recordId,
  submitLabel,
  pendingLabel,
  children,
}: {
  action: (formData: FormData) => void
  state: { status?: string; message?: string }
  pending: boolean
  /** The record being edited (sent as `id`); none when creating. */
  recordId?: number
  submitLabel: string
  pendingLabel: string
  children: ReactNode
}) {
  const formRef = useRef<HTMLFormElement>(null)
  useActionFeedback(state as FormState, { formRef })
  return (
    <form ref={formRef} action={action} noValidate className="space-y-6">
      <FormMessage state={state as FormState} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      {children}
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  )
}

/**
 * A form's message on top of it: a failure is an alert (focused when no field is to blame); a
 * success is toasted where the eye is, and stays here unannounced.
 */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null
  const isOk = state.status === 'ok'
  return (
    // A whole row when the form is a grid (the inline invite form).
    <Alert
      tone={isOk ? 'success' : 'error'}
      isAnnounced={!isOk}
      tabIndex={-1}
      className="col-span-full"
      data-form-message
    >
      {state.message}
    </Alert>
  )
}
