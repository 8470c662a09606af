'use client'

import { useActionState, useId, useState } from 'react'

import { offsetAt, useIsClient } from '@/components/FormFields/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { initialFormState, type FormState } from '@/lib/formState'

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  endpointId: number
}

/** Sends every failed delivery since a local date and time again. */
export function ReplayForm({ action, endpointId }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  useActionFeedback(state, { toastError: true })
  const isClient = useIsClient()
  const [since, setSince] = useState('')
  const id = useId()
  const error = state.errors?.since
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')

  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.message && (
        <Alert tone={state.status === 'ok' ? 'success' : 'error'} isAnnounced={false}>
          {state.message}
        </Alert>
      )}
      <input type="hidden" name="id" value={endpointId} />
      <input type="hidden" name="timezoneOffset" value={offsetAt(since, isClient)} />
      <div className="space-y-1.5">
        <Label htmlFor={id}>
          Failed since
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        </Label>
        <Input
          id={id}
          name="since"
          type="datetime-local"
          value={since}
          onChange={(event) => setSince(event.target.value)}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="sm:max-w-xs"
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          In your local time. Every delivery created since then that failed for good is sent again,
          with its original webhook-id.
        </p>
        {error && (
          <p id={`${id}-error`} className="text-sm font-medium text-danger">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? 'Replaying…' : 'Replay'}
      </Button>
    </form>
  )
}
