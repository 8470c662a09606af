'use client'

import { useRouter } from 'next/navigation'
import { useActionState, useRef, type ReactNode } from 'react'

import { FormMessage } from '@/components/FormFields/index.client'
import { SecretPanel } from '@/components/SecretPanel/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'

import type { RecoveryCodesState } from '@/lib/auth/factorChanges'

type Props = {
  action: (state: RecoveryCodesState, formData: FormData) => Promise<RecoveryCodesState>
  /** The form's inputs: a TOTP code to confirm the setup, the current password. */
  inputs: { name: 'code' | 'currentPassword'; label: string; hint?: string }[]
  submitLabel: string
  intro?: ReactNode
}

/** Downloads the codes as a text file (made in the browser: they never travel again). */
function download(codes: string[]) {
  const text = [
    'TuneTrail Community recovery codes',
    'Each code works once, when you cannot use your authenticator app or passkey.',
    '',
    ...codes,
    '',
  ].join('\n')
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
  const link = document.createElement('a')
  link.href = url
  link.download = 'tunetrail-recovery-codes.txt'
  link.click()
  URL.revokeObjectURL(url)
}

/** After a failure other than the code's own, the code typed comes back (the password does not). */
function keepCode(state: RecoveryCodesState, formData: FormData): RecoveryCodesState {
  const code = formData.get('code')
  if (state.status !== 'error' || typeof code !== 'string' || state.errors?.code) return state
  return { ...state, values: { ...state.values, code } }
}

/**
 * A form whose success issues recovery codes (confirming TOTP, or new codes): they are shown
 * once, in the action's state only, with copy and download.
 */
export function RecoveryCodesForm({ action, inputs, submitLabel, intro }: Props) {
  const [state, formAction, isPending] = useActionState(
    async (previous: RecoveryCodesState, formData: FormData) =>
      keepCode(await action(previous, formData), formData),
    {} as RecoveryCodesState,
  )
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  // The codes panel is the success: no toast; a failure focuses the field to fix.
  useActionFeedback(state, { toastSuccess: false, formRef })
  if (state.status === 'ok' && state.codes) {
    return (
      <SecretPanel
        secret={state.codes.join('\n')}
        noun="recovery codes"
        title="Save your recovery codes"
        warning="Shown only now. Keep them somewhere safe: each one signs you in once if you lose your phone or passkey."
        testId="recovery-codes"
      >
        <div className="flex flex-wrap gap-3">
          <Button type="button" variant="outline" onClick={() => download(state.codes ?? [])}>
            Download codes
          </Button>
          <Button type="button" onClick={() => router.refresh()}>
            I saved them
          </Button>
        </div>
      </SecretPanel>
    )
  }
  const formId = submitLabel.replace(/\W+/g, '-').toLowerCase()
  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-3"
      noValidate
      aria-label={submitLabel}
    >
      {intro}
      <FormMessage state={state} />
      {inputs.map((input) => {
        const error = state.errors?.[input.name]
        const id = `security-${input.name}-${formId}`
        const value = input.name === 'code' ? state.values?.code : undefined
        return (
          <div className="space-y-1" key={input.name}>
            <Label htmlFor={id}>{input.label}</Label>
            <Input
              // Remounted with the code sent back, so it is still there after a wrong password.
              key={`${input.name}:${value ?? ''}`}
              defaultValue={value}
              id={id}
              name={input.name}
              type={input.name === 'currentPassword' ? 'password' : 'text'}
              autoComplete={input.name === 'currentPassword' ? 'current-password' : 'one-time-code'}
              inputMode={input.name === 'code' ? 'numeric' : undefined}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : input.hint ? `${id}-hint` : undefined}
            />
            {error ? (
              <p id={`${id}-error`} className="text-sm text-danger">
                {error}
              </p>
            ) : (
              input.hint && (
                <p id={`${id}-hint`} className="text-sm text-muted-foreground">
                  {input.hint}
                </p>
              )
            )}
          </div>
        )
      })}
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Working…' : submitLabel}
      </Button>
    </form>
  )
}
