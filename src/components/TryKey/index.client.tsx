'use client'

import Link from 'next/link'
import { type CSSProperties, useId, useState, type FormEvent } from 'react'

import { SecretPanel } from '@/components/SecretPanel/index.client'
import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { maskKey, TEST_KEY_DAYS, TEST_KEY_SCOPES } from '@/lib/docs/tryKey'

import type { KeyChoice, TryKey } from './useTryKey.client'

export { useTryKey, type KeyChoice, type TryKey } from './useTryKey.client'

const choiceLabel = (choice: KeyChoice) =>
  `${choice.label}${choice.isOrganization ? ' (organization)' : ''} · ${choice.display}${
    choice.key ? '' : ' · value not known in this tab'
  }`

/**
 * Picks the key the page's requests send: the reader's test keys, "Create a test key" (one
 * click, shown once) and "Paste a test key". Live keys are refused; signed-out readers are
 * told how to sign in. `returnTo` is where logging in leads back.
 */
export function TryKeyPicker({ state, returnTo }: { state: TryKey; returnTo: string }) {
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-border p-4">
      <h2 id={headingId} className="font-semibold">
        Your test key
      </h2>
      {state.status === 'loading' && (
        <p className="text-sm text-muted-foreground" aria-live="polite">
          Loading your keys…
        </p>
      )}
      {state.status === 'signed-out' && (
        <p className="text-sm">
          <Link
            href={`/login?next=${encodeURIComponent(returnTo)}`}
            className="text-primary underline"
          >
            Log in
          </Link>{' '}
          or{' '}
          <Link href="/signup" className="text-primary underline">
            sign up
          </Link>{' '}
          to send requests with one of your own test keys. Public endpoints work without one.
        </p>
      )}
      {state.status === 'ready' && <ReadyPicker state={state} />}
    </section>
  )
}

function ReadyPicker({ state }: { state: Extract<TryKey, { status: 'ready' }> }) {
  const selectId = useId()
  const { choices, selected } = state
  return (
    <div className="space-y-3">
      {state.listError && <p className="text-sm text-danger">{state.listError}</p>}
      {state.notice && (
        <p role="status" className="rounded-md border border-warning bg-warning-soft p-2 text-sm">
          {state.notice}
        </p>
      )}
      {choices.length === 0 ? (
        <p className="text-sm">
          <span id={`${selectId}-create`}>
            You have no test keys yet. Create one: it reads only ({TEST_KEY_SCOPES.join(', ')}),
            belongs to your personal account and expires in {TEST_KEY_DAYS} days.
          </span>
        </p>
      ) : (
        <div className="space-y-1">
          <Label htmlFor={selectId}>Key for requests from this page</Label>
          <Select
            id={selectId}
            value={selected?.value}
            onChange={(event) => state.select(event.target.value)}
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choiceLabel(choice)}
              </option>
            ))}
          </Select>
        </div>
      )}
      {selected?.key ? (
        <p className="text-sm" data-testid="try-key-status">
          Requests send{' '}
          <code className="break-all">Authorization: Bearer {maskKey(selected.key)}</code>. The key
          stays in this browser tab only.{' '}
          <button type="button" onClick={state.forget} className="text-primary underline">
            Forget it
          </button>
        </p>
      ) : selected ? (
        <p className="text-sm text-muted-foreground">
          The portal keeps only a fingerprint of each key, so the value of “{selected.label}” is not
          known here. Paste it below, or create a new test key.
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        <Button
          type="button"
          variant={choices.length === 0 ? 'primary' : 'outline'}
          onClick={() => void state.create()}
          disabled={state.isCreating}
          aria-describedby={`${selectId}-create`}
        >
          {state.isCreating ? 'Creating…' : 'Create a test key'}
        </Button>
        <PasteKey paste={state.paste} />
      </div>
      {choices.length > 0 && (
        <p id={`${selectId}-create`} className="text-xs text-muted-foreground">
          A key created here reads only ({TEST_KEY_SCOPES.join(', ')}), belongs to your personal
          account and expires in {TEST_KEY_DAYS} days, so a key made for trying things does not hold
          one of your plan&apos;s key slots for good.
        </p>
      )}
      {state.createError && (
        <p role="alert" className="text-sm text-danger">
          {state.createError}
        </p>
      )}
      {state.issued && (
        <SecretPanel
          secret={state.issued.key}
          noun="key"
          title="Your new test key"
          warning="This key is shown once. It is kept in this browser tab until you close it; copy it now to use it elsewhere."
          testId="new-test-key"
        >
          <p className="text-sm">
            Scopes: {TEST_KEY_SCOPES.join(', ')}. Expires in {TEST_KEY_DAYS} days.{' '}
            <Link href={`/api-keys/${state.issued.id}`} className="text-primary underline">
              Manage “{state.issued.name}”
            </Link>
          </p>
        </SecretPanel>
      )}
    </div>
  )
}

function PasteKey({ paste }: { paste: (text: string) => string | null }) {
  const inputId = useId()
  const errorId = useId()
  const [isOpen, setOpen] = useState(false)
  const [error, setError] = useState<string>()

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const input = event.currentTarget.elements.namedItem('key') as HTMLInputElement
    const problem = paste(input.value)
    setError(problem ?? undefined)
    if (!problem) {
      input.value = ''
      setOpen(false)
    }
  }

  if (!isOpen) {
    return (
      <Button type="button" variant="ghost" onClick={() => setOpen(true)}>
        Paste a test key
      </Button>
    )
  }
  return (
    <form onSubmit={submit} className="flex w-full flex-col gap-2 sm:w-auto" noValidate>
      <Label htmlFor={inputId}>Test key (tt_test_…)</Label>
      <div className="flex flex-wrap gap-2">
        <Input
          id={inputId}
          name="key"
          // Not a password field: browsers offer to save those (to a synced password manager).
          type="text"
          autoComplete="off"
          data-1p-ignore
          data-lpignore="true"
          style={{ WebkitTextSecurity: 'disc' } as CSSProperties}
          spellCheck={false}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="min-w-0 flex-1 font-mono sm:w-80"
        />
        <Button type="submit">Use key</Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  )
}
