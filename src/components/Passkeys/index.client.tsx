'use client'

import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { useRouter } from 'next/navigation'
import { useId, useRef, useState, useSyncExternalStore, useTransition } from 'react'

import { useActionFormState } from '@/components/Form/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { FormState } from '@/lib/formState'

/** What the browser says when the person closes the prompt: not worth a scary message. */
const cancelled = (error: unknown) =>
  error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')

const subscribeNothing = () => () => {}

/** Whether the browser has WebAuthn (true while rendering on the server). */
const useWebAuthnSupport = () =>
  useSyncExternalStore(subscribeNothing, browserSupportsWebAuthn, () => true)

type SignInProps = {
  label: string
  getOptions: () => Promise<{ options?: PublicKeyCredentialRequestOptionsJSON; error?: string }>
  verify: (response: AuthenticationResponseJSON, next: string) => Promise<FormState>
  next: string
  variant?: 'primary' | 'outline'
}

/** Signs in (or completes a login) with a passkey: the browser's prompt, then the server's check. */
export function PasskeyButton({ label, getOptions, verify, next, variant }: SignInProps) {
  const isSupported = useWebAuthnSupport()
  const [error, setError] = useState('')
  const [isPending, startTransition] = useTransition()
  if (!isSupported) {
    return <p className="text-sm text-muted-foreground">This browser does not support passkeys.</p>
  }
  const run = () =>
    startTransition(async () => {
      setError('')
      const start = await getOptions()
      if (!start.options) return setError(start.error ?? 'Try again.')
      let response: AuthenticationResponseJSON
      try {
        response = await startAuthentication({ optionsJSON: start.options })
      } catch (err) {
        return setError(cancelled(err) ? 'No passkey was used. Try again.' : String(err))
      }
      const result = await verify(response, next)
      if (result?.status === 'error') setError(result.message ?? 'Try again.')
    })
  return (
    <div className="space-y-2">
      <Button type="button" variant={variant} onClick={run} disabled={isPending}>
        {isPending ? 'Waiting for your passkey…' : label}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  )
}

type RegisterProps = {
  /** The options, once the current password (re-authentication) is checked. */
  getOptions: (currentPassword: string) => Promise<{
    options?: PublicKeyCredentialCreationOptionsJSON
    error?: string
    errors?: Record<string, string>
  }>
  verify: (response: RegistrationResponseJSON, name: string) => Promise<FormState>
}

/**
 * Adds a passkey: a name for it and the current password, the browser's prompt, then the
 * server's check.
 */
export function AddPasskey({ getOptions, verify }: RegisterProps) {
  const isSupported = useWebAuthnSupport()
  const router = useRouter()
  const nameId = useId()
  const passwordId = useId()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [state, setState] = useState<FormState>({})
  const [isPending, startTransition] = useTransition()
  const formRef = useRef<HTMLFormElement>(null)
  // Success shows in the form's own message; a failure focuses the field to fix (or the message).
  useActionFeedback(state, { toastSuccess: false, formRef })
  if (!isSupported) {
    return <p className="text-sm text-muted-foreground">This browser does not support passkeys.</p>
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    startTransition(async () => {
      setState({})
      if (!name.trim()) {
        return setState({ status: 'error', errors: { name: 'Name this passkey.' } })
      }
      if (!password) {
        return setState({
          status: 'error',
          errors: { currentPassword: 'Enter your current password.' },
        })
      }
      const start = await getOptions(password)
      if (!start.options) {
        return setState({
          status: 'error',
          message: start.errors ? undefined : start.error,
          errors: start.errors,
        })
      }
      let response: RegistrationResponseJSON
      try {
        response = await startRegistration({ optionsJSON: start.options })
      } catch (err) {
        return setState({
          status: 'error',
          message: cancelled(err) ? 'No passkey was added.' : String(err),
        })
      }
      const result = await verify(response, name.trim())
      setState(result)
      if (result.status === 'ok') {
        setName('')
        setPassword('')
        router.refresh()
      }
    })
  }
  const nameError = state.errors?.name
  const passwordError = state.errors?.currentPassword
  return (
    <form
      ref={formRef}
      onSubmit={submit}
      className="space-y-3"
      noValidate
      aria-label="Add a passkey"
    >
      {state.message && (
        <Alert tone={state.status === 'ok' ? 'success' : 'error'} tabIndex={-1} data-form-message>
          {state.message}
        </Alert>
      )}
      <div className="space-y-1">
        <Label htmlFor={nameId}>Passkey name</Label>
        <Input
          id={nameId}
          value={name}
          maxLength={60}
          required
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${nameId}-error` : `${nameId}-hint`}
        />
        {nameError ? (
          <p id={`${nameId}-error`} className="text-sm text-danger">
            {nameError}
          </p>
        ) : (
          <p id={`${nameId}-hint`} className="text-sm text-muted-foreground">
            Where it lives, like “Work laptop” or “YubiKey”.
          </p>
        )}
      </div>
      <div className="space-y-1">
        <Label htmlFor={passwordId}>Current password</Label>
        <Input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? `${passwordId}-error` : undefined}
        />
        {passwordError && (
          <p id={`${passwordId}-error`} className="text-sm text-danger">
            {passwordError}
          </p>
        )}
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Waiting for your passkey…' : 'Add passkey'}
      </Button>
    </form>
  )
}

type ConfirmProps = {
  getOptions: () => Promise<{
    options?: PublicKeyCredentialRequestOptionsJSON
    challenge?: string
    error?: string
  }>
}

/**
 * Inside an ActionForm: confirms a sensitive step with one of the account's passkeys. The
 * browser's answer and its challenge travel with the form (`passkey`, `passkeyChallenge`).
 */
export function PasskeyConfirm({ getOptions }: ConfirmProps) {
  const isSupported = useWebAuthnSupport()
  const formState = useActionFormState()
  const id = useId()
  // The answer holds for the form's state it was given under: once the form is sent, the server
  // has spent its challenge (whatever it answered), so a new one is needed.
  const [given, setGiven] = useState<{
    passkey: string
    challenge: string
    under: typeof formState
  } | null>(null)
  const answer = given?.under === formState ? given : null
  const [error, setError] = useState('')
  const [isPending, startTransition] = useTransition()
  if (!isSupported) {
    return <p className="text-sm text-muted-foreground">This browser does not support passkeys.</p>
  }
  const shownError = error || formState.errors?.passkey
  const run = () =>
    startTransition(async () => {
      setError('')
      setGiven(null)
      const start = await getOptions()
      if (!start.options || !start.challenge) return setError(start.error ?? 'Try again.')
      try {
        const response = await startAuthentication({ optionsJSON: start.options })
        setGiven({
          passkey: JSON.stringify(response),
          challenge: start.challenge,
          under: formState,
        })
      } catch (err) {
        setError(cancelled(err) ? 'No passkey was used. Try again.' : String(err))
      }
    })
  return (
    <div className="space-y-1">
      <p id={`${id}-label`} className="text-sm font-medium">
        Passkey
      </p>
      <Button
        type="button"
        variant="outline"
        onClick={run}
        disabled={isPending}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
      >
        {isPending
          ? 'Waiting for your passkey…'
          : answer
            ? 'Passkey confirmed ✓'
            : 'Confirm with a passkey'}
      </Button>
      {answer && (
        <>
          <input type="hidden" name="passkey" value={answer.passkey} />
          <input type="hidden" name="passkeyChallenge" value={answer.challenge} />
        </>
      )}
      {shownError && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {shownError}
        </p>
      )}
    </div>
  )
}
