'use client'

import Link from 'next/link'
import { useActionState } from 'react'

import { CheckboxCards } from '@/components/CheckboxCards/index.client'
import { OwnerField, TextField, remembered, StateForm } from '@/components/FormFields/index.client'
import { SecretPanel } from '@/components/SecretPanel/index.client'
import { Input, Textarea } from '@/components/ui/input'
import type { CreatedEndpointState } from '@/schemas/webhooks'
import type { EventOption } from '@/lib/webhooks/catalog'

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
  /** The owner chosen at first: the account the header's switcher shows (`''`: personal). */
  defaultOrganization?: string
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
  defaultOrganization = '',
}: Props) {
  const [state, formAction, pending] = useActionState(action, {} as CreatedEndpointState)
  const isCreate = endpointId === undefined

  if (state.created) {
    return (
      <div className="space-y-4">
        <SecretPanel
          noun="secret"
          testId="endpoint-secret"
          secret={state.created.secret}
          title="Endpoint added: your signing secret"
          warning="Copy this secret now and add it to your receiver’s configuration: it is not shown again here. You can reveal it later on the endpoint’s page."
        >
          <p className="text-sm">
            Receivers check each delivery with it, as described in{' '}
            <Link href="/docs/webhooks/verifying-webhooks" className="text-primary underline">
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
    <StateForm
      action={formAction}
      state={state}
      pending={pending}
      recordId={endpointId}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
    >
      <TextField
        name="url"
        label="URL"
        error={errors.url}
        hint="The https:// address deliveries are POSTed to, e.g. https://example.com/webhooks/tunetrail. It must be on the public internet: private and local network addresses are refused."
        isRequired
      >
        {(props) => (
          <Input
            {...props}
            {...remembered('url', value('url', defaults.url))}
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
            {...remembered('description', value('description', defaults.description))}
            maxLength={500}
          />
        )}
      </TextField>

      {isCreate && (
        <OwnerField
          organizations={organizations}
          value={values?.organization ?? defaultOrganization}
          error={errors.organization}
          hint="An organization’s endpoints receive its events and are managed by its owners and admins."
        />
      )}

      <CheckboxCards
        legend="Events"
        hint="Tick the events this endpoint receives; a family such as key.* takes its every type, later ones too. Tick none to receive every event of its account, including types added later; the status page’s incident.* and maintenance.* come only when ticked."
        error={errors.events}
        name="events"
        options={eventOptions.map((option) => ({
          value: option.type,
          label: option.type,
          description: option.description,
          extra: option.example ? (
            <details className="text-xs">
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
          ) : undefined,
        }))}
        selected={selectedEvents}
        isCode
      />

      <TextField
        name="headers"
        label="Custom headers (optional)"
        error={errors.headers}
        hint="Sent with every delivery, one “Name: value” a line (at most 10), e.g. X-Api-Token: abc123. webhook-*, content-* and standard headers are set by TuneTrail."
      >
        {(props) => (
          <Textarea
            {...props}
            {...remembered('headers', value('headers', defaults.headers))}
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
            {...remembered('maxPerSecond', value('maxPerSecond', defaults.maxPerSecond))}
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
    </StateForm>
  )
}
