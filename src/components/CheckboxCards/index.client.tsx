'use client'

import { useId, type ReactNode } from 'react'

import { FieldMessages } from '@/components/FormFields/index.client'

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
    <fieldset className="min-w-0 space-y-2" aria-describedby={describedBy}>
      <legend className="text-sm font-medium">
        {legend}
        {isRequired && (
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        )}
      </legend>
      <FieldMessages id={id} hint={hint} error={error} />
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
  children,
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
  /** More under the description, above the card's click area (e.g. a disclosure). */
  children?: ReactNode
}) {
  return (
    <div className="relative flex min-w-0 gap-3 rounded-md border border-border bg-background p-3 has-[:checked]:border-primary has-[:checked]:bg-muted">
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
      <div className="min-w-0 flex-1 space-y-0.5">
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
        {children && <div className="relative z-10">{children}</div>}
      </div>
    </div>
  )
}

export type CardOption = {
  value: string
  label: string
  description: string
  badge?: string
  /** More under the description, e.g. a disclosure with an example. */
  extra?: ReactNode
}

/**
 * A grid of checkbox (or radio) cards for one field: scopes, event types, environments. The
 * cards are keyed by their checked state, so a re-rendered form (after a failed submit) shows
 * what was sent.
 */
export function CheckboxCards({
  legend,
  hint,
  error,
  isRequired,
  name,
  type = 'checkbox',
  options,
  selected,
  isCode,
  className = 'sm:grid-cols-2',
}: {
  legend: string
  hint?: string
  error?: string
  isRequired?: boolean
  name: string
  type?: 'checkbox' | 'radio'
  options: CardOption[]
  selected: ReadonlySet<string>
  isCode?: boolean
  className?: string
}) {
  const id = useId()
  return (
    <ChoiceGroup legend={legend} hint={hint} error={error} isRequired={isRequired}>
      <div className={`grid gap-2 ${className}`}>
        {options.map((option) => (
          <ChoiceCard
            key={`${option.value}:${selected.has(option.value)}`}
            id={`${id}-${name}-${option.value.replace(/\W/g, '-')}`}
            type={type}
            name={name}
            value={option.value}
            label={option.label}
            isCode={isCode}
            description={option.description}
            badge={option.badge}
            isChecked={selected.has(option.value)}
            isInvalid={Boolean(error)}
          >
            {option.extra}
          </ChoiceCard>
        ))}
      </div>
    </ChoiceGroup>
  )
}
