'use client'

import { useActionState, useId, useState } from 'react'

import { NewKeyPanel } from '@/components/NewKeyPanel/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { IssuedKeyState } from '@/schemas/apiKeys'

type Props = {
  action: (state: IssuedKeyState, formData: FormData) => Promise<IssuedKeyState>
  keyId: number
  keyName: string
  /** Only an active, unexpired key can be rotated; the panel of a rotation stays shown. */
  canRotate: boolean
  gracePeriods: { value: number; label: string }[]
}

/**
 * Issues a successor with the same settings, after a confirmation. The old key keeps working
 * for the chosen grace period. The new key is shown once, like on the create page.
 */
export function RotateKey({ action, keyId, keyName, canRotate, gracePeriods }: Props) {
  const [state, formAction, pending] = useActionState(action, {} as IssuedKeyState)
  const [open, setOpen] = useState(false)
  const [grace, setGrace] = useState(String(gracePeriods[1]?.value ?? gracePeriods[0]?.value))
  const formId = useId()
  const selectId = useId()

  if (state.issued) {
    return <NewKeyPanel issued={state.issued} title="Your rotated key" note={state.message} />
  }
  if (!canRotate) return null

  const graceLabel = gracePeriods.find((option) => String(option.value) === grace)?.label
  const consequence =
    grace === '0'
      ? `“${keyName}” stops working at once: every request with it is refused.`
      : `“${keyName}” keeps working for ${graceLabel}, then stops. Deploy the new key before then.`

  return (
    <div className="space-y-3">
      <form
        id={formId}
        action={formAction}
        onSubmit={() => setOpen(false)}
        className="flex flex-wrap items-end gap-3"
      >
        <input type="hidden" name="id" value={keyId} />
        <div className="w-full space-y-1.5 sm:w-56">
          <Label htmlFor={selectId}>Old key keeps working for</Label>
          <Select
            id={selectId}
            name="gracePeriodSeconds"
            value={grace}
            onChange={(event) => setGrace(event.target.value)}
          >
            {gracePeriods.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          trigger={
            <Button type="button" variant="outline" disabled={pending}>
              {pending ? 'Rotating…' : 'Rotate key'}
            </Button>
          }
          title={<>Rotate “{keyName}”?</>}
          description={
            <>
              A new key with the same scopes, limits and settings is issued and shown once.{' '}
              {consequence}
            </>
          }
          confirmLabel="Rotate"
          formId={formId}
        />
      </form>
      {state.status === 'error' && state.message && <Alert tone="error">{state.message}</Alert>}
      {state.errors?.gracePeriodSeconds && (
        <Alert tone="error">{state.errors.gracePeriodSeconds}</Alert>
      )}
    </div>
  )
}
