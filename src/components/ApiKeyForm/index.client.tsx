'use client'

import Link from 'next/link'
import { useActionState, useState } from 'react'

import { CheckboxCards } from '@/components/CheckboxCards/index.client'
import {
  offsetAt,
  OwnerField,
  TextField,
  useIsClient,
  remembered,
  StateForm,
} from '@/components/FormFields/index.client'
import { NewKeyPanel } from '@/components/NewKeyPanel/index.client'
import { Input, Textarea } from '@/components/ui/input'
import type { IssuedKeyState } from '@/schemas/apiKeys'

export type ScopeOption = { value: string; description: string; isService: boolean }

export type KeyFormDefaults = {
  name: string
  scopes: string[]
  /** ISO date-time, or null for no expiry. */
  expiresAt: string | null
  ipAllowlist: string[]
  notes: string
}

type Props = {
  action: (state: IssuedKeyState, formData: FormData) => Promise<IssuedKeyState>
  scopeOptions: ScopeOption[]
  submitLabel: string
  pendingLabel: string
  /** The key being edited; without it the form creates a key (environment and owner too). */
  keyId?: number
  defaults?: KeyFormDefaults
  /** Organizations the user may create keys for (create only). */
  organizations?: { id: number; name: string }[]
  /** The owner chosen at first: the account the header's switcher shows (`''`: personal). */
  defaultOrganization?: string
}

const ENVIRONMENTS = [
  { value: 'development', label: 'Development', hint: 'Starts with tt_test_. For local work.' },
  { value: 'staging', label: 'Staging', hint: 'Starts with tt_test_. For test deployments.' },
  { value: 'production', label: 'Production', hint: 'Starts with tt_live_. For live traffic.' },
]

const EMPTY: KeyFormDefaults = { name: '', scopes: [], expiresAt: null, ipAllowlist: [], notes: '' }

const pad = (value: number) => String(value).padStart(2, '0')

/** An ISO date-time as a `datetime-local` value: local time in the browser, UTC on the server. */
function toLocalInput(iso: string | null, isLocal: boolean): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const parts = isLocal
    ? [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()]
    : [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
      ]
  const [year, month, day, hour, minute] = parts
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`
}

/** Create or edit an API key: name, environment, scopes, expiry, IP allowlist, owner, notes. */
export function ApiKeyForm({
  action,
  scopeOptions,
  submitLabel,
  pendingLabel,
  keyId,
  defaults = EMPTY,
  organizations = [],
  defaultOrganization = '',
}: Props) {
  const [state, formAction, pending] = useActionState(action, {} as IssuedKeyState)
  const isClient = useIsClient()
  const [expiry, setExpiry] = useState<string | null>(null)
  const isCreate = keyId === undefined

  if (state.issued) {
    return (
      <div className="space-y-4">
        <NewKeyPanel issued={state.issued} />
        <p className="text-sm">
          <Link href="/api-keys" className="text-primary underline">
            Back to API keys
          </Link>
        </p>
      </div>
    )
  }

  const values = state.values
  const errors = state.errors ?? {}
  const value = (name: keyof KeyFormDefaults | 'environment' | 'organization', fallback: string) =>
    values?.[name] ?? fallback
  const selectedScopes = new Set(
    values ? (values.scopes ?? '').split(',').filter(Boolean) : defaults.scopes,
  )
  const environment = value('environment', 'development')
  const expiryValue = expiry ?? values?.expiresAt ?? toLocalInput(defaults.expiresAt, isClient)

  return (
    <StateForm
      action={formAction}
      state={state}
      pending={pending}
      recordId={keyId}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
    >
      <TextField
        name="name"
        label="Name"
        error={errors.name}
        hint="What uses the key, e.g. “Recommendations worker”."
        isRequired
      >
        {(props) => (
          <Input
            {...props}
            {...remembered('name', value('name', defaults.name))}
            maxLength={80}
            autoComplete="off"
            required
          />
        )}
      </TextField>

      {isCreate && (
        <CheckboxCards
          legend="Environment"
          error={errors.environment}
          isRequired
          name="environment"
          type="radio"
          options={ENVIRONMENTS.map((option) => ({ ...option, description: option.hint }))}
          selected={new Set([environment])}
          className="sm:grid-cols-3"
        />
      )}

      {isCreate && (
        <OwnerField
          organizations={organizations}
          value={value('organization', defaultOrganization)}
          error={errors.organization}
          hint="An organization's keys count against its plan and are managed by its owners and admins."
        />
      )}

      <CheckboxCards
        legend="Scopes"
        hint="Grant only what this key needs. A request outside its scopes is refused."
        error={errors.scopes}
        isRequired
        name="scopes"
        options={scopeOptions.map((option) => ({
          value: option.value,
          label: option.value,
          description: option.description,
          badge: option.isService ? 'Service' : undefined,
        }))}
        selected={selectedScopes}
        isCode
      />

      <TextField
        name="expiresAt"
        label="Expires (optional)"
        error={errors.expiresAt}
        hint="In your local time. Leave empty for a key that does not expire."
      >
        {(props) => (
          <Input
            {...props}
            type="datetime-local"
            value={expiryValue}
            onChange={(event) => setExpiry(event.target.value)}
            className="sm:max-w-xs"
          />
        )}
      </TextField>
      <input type="hidden" name="timezoneOffset" value={offsetAt(expiryValue, isClient)} />
      {!isCreate && (
        <input
          type="hidden"
          name="expiresAtWas"
          value={toLocalInput(defaults.expiresAt, isClient)}
        />
      )}

      <TextField
        name="ipAllowlist"
        label="IP allowlist (optional)"
        error={errors.ipAllowlist}
        hint="One IPv4/IPv6 address or CIDR range per line, e.g. 203.0.113.7 or 10.0.0.0/8. Leave empty to allow every address."
      >
        {(props) => (
          <Textarea
            {...props}
            {...remembered('ip', value('ipAllowlist', defaults.ipAllowlist.join('\n')))}
            spellCheck={false}
            autoCapitalize="off"
            className="font-mono"
          />
        )}
      </TextField>

      <TextField
        name="notes"
        label="Notes (optional)"
        error={errors.notes}
        hint="Up to 1000 characters, visible to whoever manages this key."
      >
        {(props) => (
          <Textarea
            {...props}
            {...remembered('notes', value('notes', defaults.notes))}
            maxLength={1000}
          />
        )}
      </TextField>
    </StateForm>
  )
}
