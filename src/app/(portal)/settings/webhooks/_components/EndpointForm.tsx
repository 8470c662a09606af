'use client'

import Link from 'next/link'
import { useActionState, useId } from 'react'

import { Alert } from '@/components/ui/alert'
import { TextField } from '@/components/FormFields/index.client'
import { Button } from '@/components/ui/button'
import { Input, Select, Textarea } from '@/components/ui/input'
import type { CreatedEndpointState } from '@/schemas/webhooks'

import { SecretPanel } from './SecretPanel'

export type EventOption = { type: string; description: string; example: string }

export type EndpointFormDefaults = {
  url: string
  description: string
  events: string[]
  /** `Name: value` lines. */
  headers: string
  maxPerSecond: string
}

type Props = {
  action: (state: CreatedEndpointState, formData: FormData) => Promise<CreatedEndpointState>
  eventOptions: EventOption[]
  submitLabel: string
  pendingLabel: string
  /** The endpoint being edited; without it the form creates one (with an owner). */
  endpointId?: number
  defaults?: EndpointFormDefaults
  /** Organizations the user may add endpoints for (create only). */
  organizations?: { id: number; name: string }[]
}

const EMPTY: EndpointFormDefaults = {
  url: '',
  description: '',
  events: [],
  headers: '',
  maxPerSecond: '20',
}

/** Create or edit a webhook endpoint: URL, events, description, headers, rate and owner. */
export function EndpointForm({
  action,
  eventOptions,
  submitLabel,
  pendingLabel,
  endpointId,
  defaults = EMPTY,
  organizations = [],
}: Props) {
  const [state, formAction, pending] = useActionState(action, {} as CreatedEndpointState)
  const id = useId()
  const isCreate = endpointId === undefined

  if (state.created) {
    return (
      <div className="space-y-4">
        <SecretPanel
          secret={state.created.secret}
          title="Endpoint added: your signing secret"
          warning="Copy this secret now and add it to your receiver’s configuration: it is not shown again here. You can reveal it later on the endpoint’s page."
        >
          <p className="text-sm">
            Receivers check each delivery with it, as described in{' '}
            <Link href="/docs/webhooks" className="text-primary underline">
              Verifying webhooks
            </Link>
            .
          </p>
          <p className="text-sm">
            <Link
              href={`/settings/webhooks/${state.created.id}`}
              className="text-primary underline break-all"
            >
              Go to the endpoint {state.created.url}
            </Link>
          </p>
        </SecretPanel>
        <p className="text-sm">
          <Link href="/settings/webhooks" className="text-primary underline">
            Back to webhooks
          </Link>
        </p>
      </div>
    )
  }

  const values = state.values
  const errors = state.errors ?? {}
  const value = (name: Exclude<keyof EndpointFormDefaults, 'events'>, fallback: string) =>
    values?.[name] ?? fallback
  const selectedEvents = new Set(
    values ? (values.events ?? '').split(',').filter(Boolean) : defaults.events,
  )

  return (
    <form action={formAction} noValidate className="space-y-6">
      {state.message && (
        <Alert tone={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert>
      )}
      {endpointId !== undefined && <input type="hidden" name="id" value={endpointId} />}

      <TextField
        name="url"
        label="URL"
        error={errors.url}
        hint="Where deliveries are POSTed, e.g. https://example.com/webhooks/tunetrail. It must reach the public internet."
        isRequired
      >
        {(props) => (
          <Input
            {...props}
            key={`url:${value('url', defaults.url)}`}
            defaultValue={value('url', defaults.url)}
            type="url"
            inputMode="url"
            maxLength={2000}
            autoComplete="off"
            spellCheck={false}
            required
          />
        )}
      </TextField>

      <TextField
        name="description"
        label="Description (optional)"
        error={errors.description}
        hint="Up to 500 characters, e.g. what receives these events."
      >
        {(props) => (
          <Textarea
            {...props}
            key={`description:${value('description', defaults.description)}`}
            defaultValue={value('description', defaults.description)}
            maxLength={500}
          />
        )}
      </TextField>

      {isCreate && organizations.length > 0 && (
        <TextField
          name="organization"
          label="Owner"
          error={errors.organization}
          hint="An organization’s endpoints receive its events and are managed by its owners and admins."
        >
          {(props) => (
            <Select
              {...props}
              key={`organization:${values?.organization ?? ''}`}
              defaultValue={values?.organization ?? ''}
            >
              <option value="">Personal</option>
              {organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </Select>
          )}
        </TextField>
      )}

      <fieldset
        className="min-w-0 space-y-2"
        aria-describedby={
          [`${id}-events-hint`, errors.events && `${id}-events-error`].filter(Boolean).join(' ') ||
          undefined
        }
      >
        <legend className="text-sm font-medium">Events</legend>
        <p id={`${id}-events-hint`} className="text-xs text-muted-foreground">
          Tick the events this endpoint receives. Tick none to receive every event, including types
          added later.
        </p>
        {errors.events && (
          <p id={`${id}-events-error`} className="text-sm font-medium text-danger">
            {errors.events}
          </p>
        )}
        <div className="grid gap-2 sm:grid-cols-2">
          {eventOptions.map((option) => (
            <EventCard
              key={`${option.type}:${selectedEvents.has(option.type)}`}
              id={`${id}-event-${option.type.replace(/\W/g, '-')}`}
              option={option}
              isChecked={selectedEvents.has(option.type)}
              isInvalid={Boolean(errors.events)}
            />
          ))}
        </div>
      </fieldset>

      <TextField
        name="headers"
        label="Custom headers (optional)"
        error={errors.headers}
        hint="Sent with every delivery, one “Name: value” a line (at most 10), e.g. X-Api-Token: abc123. webhook-*, content-* and standard headers are set by TuneTrail."
      >
        {(props) => (
          <Textarea
            {...props}
            key={`headers:${value('headers', defaults.headers)}`}
            defaultValue={value('headers', defaults.headers)}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            className="font-mono"
          />
        )}
      </TextField>

      <TextField
        name="maxPerSecond"
        label="Maximum deliveries per second"
        error={errors.maxPerSecond}
        hint="From 1 to 1000. Deliveries beyond it wait for the next second."
        isRequired
      >
        {(props) => (
          <Input
            {...props}
            key={`maxPerSecond:${value('maxPerSecond', defaults.maxPerSecond)}`}
            defaultValue={value('maxPerSecond', defaults.maxPerSecond)}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            required
            className="sm:max-w-40"
          />
        )}
      </TextField>

      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  )
}

/**
 * An event type as a checkbox card: the card toggles it; its example payload opens in a
 * disclosure that sits above the card's click area.
 */
function EventCard({
  id,
  option,
  isChecked,
  isInvalid,
}: {
  id: string
  option: EventOption
  isChecked: boolean
  isInvalid: boolean
}) {
  return (
    <div className="relative flex min-w-0 gap-3 rounded-md border border-border bg-background p-3 has-[:checked]:border-primary has-[:checked]:bg-muted">
      <input
        id={id}
        type="checkbox"
        name="events"
        value={option.type}
        defaultChecked={isChecked}
        aria-invalid={isInvalid || undefined}
        aria-describedby={`${id}-description`}
        className="relative z-10 mt-0.5 h-4 w-4 shrink-0 accent-primary"
      />
      <div className="min-w-0 flex-1 space-y-1">
        <label
          htmlFor={id}
          className='cursor-pointer font-mono text-sm font-medium break-words after:absolute after:inset-0 after:content-[""]'
        >
          {option.type}
        </label>
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {option.description}
        </p>
        <details className="relative z-10 text-xs">
          <summary className="w-fit cursor-pointer text-primary underline">Example</summary>
          <pre
            tabIndex={0}
            role="region"
            aria-label={`Example payload of ${option.type}`}
            className="mt-2 max-h-64 overflow-auto rounded-md border border-border bg-card p-2 font-mono"
          >
            <code>{option.example}</code>
          </pre>
        </details>
      </div>
    </div>
  )
}
