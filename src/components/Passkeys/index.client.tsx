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
import { useId, useState, useSyncExternalStore, useTransition } from 'react'

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
  getOptions: () => Promise<{ options?: PublicKeyCredentialCreationOptionsJSON; error?: string }>
  verify: (response: RegistrationResponseJSON, name: string) => Promise<FormState>
}

/** Adds a passkey: a name for it, the browser's prompt, then the server's check. */
export function AddPasskey({ getOptions, verify }: RegisterProps) {
  const isSupported = useWebAuthnSupport()
  const router = useRouter()
  const nameId = useId()
  const [name, setName] = useState('')
  const [state, setState] = useState<FormState>({})
  const [isPending, startTransition] = useTransition()
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
      const start = await getOptions()
      if (!start.options) return setState({ status: 'error', message: start.error })
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
        router.refresh()
      }
    })
  }
  const nameError = state.errors?.name
  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label="Add a passkey">
      {state.message && (
        <Alert tone={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert>
      )}
      <div className="space-y-1">
        <Label htmlFor={nameId}>Passkey name</Label>
        <Input
          id={nameId}
          value={name}
          maxLength={60}
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
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Waiting for your passkey…' : 'Add passkey'}
      </Button>
    </form>
  )
}
