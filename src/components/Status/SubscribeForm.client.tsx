'use client'

import { useId, useRef, useState, type FormEvent } from 'react'

import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'

type Outcome = { tone: 'success' | 'error'; message: string; field?: string }

/**
 * Email subscription to status notices: an address and, optionally, some components. It posts
 * to the public endpoint (double opt-in: the answer says to confirm by mail).
 */
export function SubscribeForm({ components }: { components: { id: number; name: string }[] }) {
  const id = useId()
  const emailRef = useRef<HTMLInputElement>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [isPending, setPending] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    // currentTarget is gone once the handler awaits.
    const formElement = event.currentTarget
    const form = new FormData(formElement)
    setPending(true)
    try {
      const response = await fetch('/api/status-subscribers/subscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: String(form.get('email') ?? ''),
          components: form.getAll('components').map(Number),
        }),
      })
      const body = (await response.json().catch(() => ({}))) as {
        message?: string
        errors?: { message: string; field?: string }[]
      }
      if (response.ok) {
        setOutcome({ tone: 'success', message: body.message ?? 'Check your inbox.' })
        formElement.reset()
      } else {
        const error = body.errors?.[0]
        setOutcome({
          tone: 'error',
          message: (error?.message ?? 'That did not work. Try again.').replace(/^email: /, ''),
          field: error?.field,
        })
        if (error?.field === 'email') emailRef.current?.focus()
      }
    } catch {
      setOutcome({ tone: 'error', message: 'We could not reach the server. Try again.' })
    } finally {
      setPending(false)
    }
  }

  const isEmailInvalid = outcome?.tone === 'error' && outcome.field === 'email'
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div className="space-y-1">
        <Label htmlFor={`${id}-email`}>Email address</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            ref={emailRef}
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            aria-invalid={isEmailInvalid || undefined}
            aria-describedby={`${id}-hint${isEmailInvalid ? ` ${id}-outcome` : ''}`}
          />
          <Button type="submit" disabled={isPending} className="shrink-0">
            {isPending ? 'Subscribing…' : 'Subscribe'}
          </Button>
        </div>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          We mail a link to confirm; nothing else comes until you use it. Every mail has an
          unsubscribe link.
        </p>
      </div>
      {components.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm text-primary underline-offset-2 hover:underline">
            Only some components (all by default)
          </summary>
          <fieldset className="mt-2 grid gap-1 sm:grid-cols-2">
            <legend className="sr-only">Components to hear about</legend>
            {components.map((component) => (
              <label key={component.id} className="flex min-h-10 items-center gap-2 text-sm">
                <input type="checkbox" name="components" value={component.id} className="size-4" />
                {component.name}
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <div id={`${id}-outcome`} aria-live="polite">
        {outcome && (
          <Alert tone={outcome.tone} isAnnounced={false}>
            {outcome.message}
          </Alert>
        )}
      </div>
    </form>
  )
}
