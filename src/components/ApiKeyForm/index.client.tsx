'use client'

import Link from 'next/link'
import { useActionState, useId, useState, type ReactNode } from 'react'

import { offsetAt, TextField, useIsClient } from '@/components/FormFields/index.client'
import { NewKeyPanel } from '@/components/NewKeyPanel/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input, Select, Textarea } from '@/components/ui/input'
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
}: Props) {
  const [state, formAction, pending] = useActionState(action, {} as IssuedKeyState)
  const isClient = useIsClient()
  const id = useId()
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
    <form action={formAction} noValidate className="space-y-6">
      {state.message && (
        <Alert tone={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert>
      )}
      {keyId !== undefined && <input type="hidden" name="id" value={keyId} />}

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
            key={`name:${value('name', defaults.name)}`}
            defaultValue={value('name', defaults.name)}
            maxLength={80}
            autoComplete="off"
            required
          />
        )}
      </TextField>

      {isCreate && (
        <ChoiceGroup legend="Environment" error={errors.environment} isRequired>
          <div className="grid gap-2 sm:grid-cols-3">
            {ENVIRONMENTS.map((option) => (
              <ChoiceCard
                key={`${option.value}:${environment === option.value}`}
                id={`${id}-env-${option.value}`}
                type="radio"
                name="environment"
                value={option.value}
                label={option.label}
                description={option.hint}
                isChecked={environment === option.value}
                isInvalid={Boolean(errors.environment)}
              />
            ))}
          </div>
        </ChoiceGroup>
      )}

      {isCreate && organizations.length > 0 && (
        <TextField
          name="organization"
          label="Owner"
          error={errors.organization}
          hint="An organization's keys count against its plan and are managed by its owners and admins."
        >
          {(props) => (
            <Select
              {...props}
              key={`organization:${value('organization', '')}`}
              defaultValue={value('organization', '')}
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

      <ChoiceGroup
        legend="Scopes"
        hint="Grant only what this key needs. A request outside its scopes is refused."
        error={errors.scopes}
        isRequired
      >
        <div className="grid gap-2 sm:grid-cols-2">
          {scopeOptions.map((option) => (
            <ChoiceCard
              key={`${option.value}:${selectedScopes.has(option.value)}`}
              id={`${id}-scope-${option.value}`}
              type="checkbox"
              name="scopes"
              value={option.value}
              label={option.value}
              isCode
              description={option.description}
              badge={option.isService ? 'Service' : undefined}
              isChecked={selectedScopes.has(option.value)}
              isInvalid={Boolean(errors.scopes)}
            />
          ))}
        </div>
      </ChoiceGroup>

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
            key={`ip:${value('ipAllowlist', defaults.ipAllowlist.join('\n'))}`}
            defaultValue={value('ipAllowlist', defaults.ipAllowlist.join('\n'))}
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
            key={`notes:${value('notes', defaults.notes)}`}
            defaultValue={value('notes', defaults.notes)}
            maxLength={1000}
          />
        )}
      </TextField>

      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  )
}

/** A fieldset of radio or checkbox cards with a legend, hint and error. */
function ChoiceGroup({
  legend,
  hint,
  error,
  isRequired,
  children,
}: {
  legend: string
  hint?: string
  error?: string
  isRequired?: boolean
  children: ReactNode
}) {
  const id = useId()
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy}>
      <legend className="text-sm font-medium">
        {legend}
        {isRequired && (
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        )}
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  )
}

/** A radio or checkbox as a card: the whole card toggles it, the name is its label. */
function ChoiceCard({
  id,
  type,
  name,
  value,
  label,
  description,
  badge,
  isCode,
  isChecked,
  isInvalid,
}: {
  id: string
  type: 'radio' | 'checkbox'
  name: string
  value: string
  label: string
  description: string
  badge?: string
  isCode?: boolean
  isChecked: boolean
  isInvalid: boolean
}) {
  return (
    <div className="relative flex gap-3 rounded-md border border-border bg-background p-3 has-[:checked]:border-primary has-[:checked]:bg-muted">
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        defaultChecked={isChecked}
        aria-invalid={isInvalid || undefined}
        aria-describedby={`${id}-description`}
        className="relative z-10 mt-0.5 h-4 w-4 shrink-0 accent-primary"
      />
      <div className="min-w-0 space-y-0.5">
        <label
          htmlFor={id}
          className={
            'cursor-pointer text-sm font-medium break-words after:absolute after:inset-0 after:content-[""]' +
            (isCode ? ' font-mono' : '')
          }
        >
          {label}
        </label>
        {badge && (
          <span className="ml-2 rounded-full border border-border px-1.5 py-0.5 text-xs">
            {badge}
          </span>
        )}
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
      </div>
    </div>
  )
}
