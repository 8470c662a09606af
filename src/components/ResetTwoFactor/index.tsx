'use client'

import { Button, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useId, useRef, useState } from 'react'

import { hasRole } from '@/access/roles'

import '@/components/AdminUi/admin.css'

type Problem = { message: string; field?: string }

/**
 * Staff, on an account in /admin: resets its two-factor authentication (POST
 * /api/users/:id/reset-two-factor) once they confirm with their own password (and their own
 * app's code when they use one). Not shown on one's own account, nor to staff on staff accounts
 * (the endpoint refuses both). Enter in its inputs confirms too.
 */
export function ResetTwoFactor() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const roles = useFormFields(([fields]) => fields.roles?.value) as string[] | null | undefined
  const fieldId = useId()
  const passwordRef = useRef<HTMLInputElement>(null)
  const codeRef = useRef<HTMLInputElement>(null)
  const [isConfirming, setIsConfirming] = useState(false)
  const [isPending, setIsPending] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [done, setDone] = useState('')
  if (!id || !user || String(user.id) === String(id)) return null
  const isAdmin = hasRole({ ...user, collection: 'users' }, 'admin')
  if (hasRole({ roles }, 'staff') && !isAdmin) return null
  const reset = async () => {
    const code = codeRef.current?.value.trim()
    setIsPending(true)
    setProblem(null)
    const response = await fetch(`/api/users/${id}/reset-two-factor`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        currentPassword: passwordRef.current?.value,
        ...(code ? { code } : {}),
      }),
    })
    const body = (await response.json().catch(() => ({}))) as {
      message?: string
      errors?: Problem[]
    }
    setIsPending(false)
    if (response.ok) {
      setDone(body.message ?? 'Two-factor authentication was reset.')
      setIsConfirming(false)
      return
    }
    const failure = body.errors?.[0] ?? { message: `The reset failed (${response.status}).` }
    setProblem(failure)
    ;(failure.field === 'code' ? codeRef : passwordRef).current?.focus()
  }
  const describedBy = (field: string) =>
    problem?.field === field ? `${fieldId}-error` : `${fieldId}-${field}-note`
  return (
    <div className="tt-field" data-testid="reset-two-factor">
      <span className="tt-field__label">Two-factor authentication</span>
      <p className="tt-field__note">
        For a member who lost their phone and recovery codes: removes the authenticator app,
        recovery codes and passkeys, and ends their sessions. They are told by mail.
      </p>
      {isConfirming ? (
        // Not a <form>: this sits inside the document's form, whose submit would save the account.
        <div
          role="group"
          aria-label="Confirm the two-factor reset"
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return
            event.preventDefault()
            void reset()
          }}
        >
          <p>
            <label htmlFor={`${fieldId}-password`}>Your password</label>
            <input
              ref={passwordRef}
              id={`${fieldId}-password`}
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              aria-invalid={problem?.field === 'currentPassword' ? true : undefined}
              aria-describedby={describedBy('currentPassword')}
            />
          </p>
          <p id={`${fieldId}-currentPassword-note`} className="tt-field__note">
            Your own password, to confirm it is you.
          </p>
          <p>
            <label htmlFor={`${fieldId}-code`}>Your authenticator code</label>
            <input
              ref={codeRef}
              id={`${fieldId}-code`}
              inputMode="numeric"
              autoComplete="one-time-code"
              aria-invalid={problem?.field === 'code' ? true : undefined}
              aria-describedby={describedBy('code')}
            />
          </p>
          <p id={`${fieldId}-code-note`} className="tt-field__note">
            From your own authenticator app, if you use one.
          </p>
          {problem && (
            <p id={`${fieldId}-error`} role="alert" className="tt-badge tt-badge--fail">
              {problem.message}
            </p>
          )}
          <Button buttonStyle="error" size="small" onClick={reset} disabled={isPending}>
            {isPending ? 'Resetting…' : 'Confirm: reset two-factor'}
          </Button>
          <Button
            buttonStyle="secondary"
            size="small"
            onClick={() => {
              setIsConfirming(false)
              setProblem(null)
            }}
          >
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          buttonStyle="secondary"
          size="small"
          onClick={() => {
            setDone('')
            setIsConfirming(true)
          }}
        >
          Reset two-factor authentication
        </Button>
      )}
      {done && (
        <p role="status" className="tt-field__note">
          {done}
        </p>
      )}
    </div>
  )
}
