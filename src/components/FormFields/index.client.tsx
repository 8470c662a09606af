'use client'

import { useId, useSyncExternalStore, type ReactNode } from 'react'

import { Label } from '@/components/ui/label'

const noSubscription = () => () => {}
/** False while rendering on the server and hydrating, true afterwards. */
export const useIsClient = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )

/** Minutes to add to a local time for UTC at that date (0 before hydration: read as UTC). */
export function offsetAt(localValue: string, isClient: boolean): number {
  if (!isClient) return 0
  const date = localValue ? new Date(localValue) : new Date()
  return Number.isNaN(date.getTime()) ? new Date().getTimezoneOffset() : date.getTimezoneOffset()
}

export type InputProps = {
  id: string
  name: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** A labelled control with its hint and error tied to it (the control is a render prop). */
export function TextField({
  name,
  label,
  hint,
  error,
  isRequired,
  children,
}: {
  name: string
  label: string
  hint?: string
  error?: string
  isRequired?: boolean
  children: (props: InputProps) => ReactNode
}) {
  const id = useId()
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>
        {label}
        {isRequired && (
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        )}
      </Label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
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
    </div>
  )
}
