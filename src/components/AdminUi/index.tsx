import type { ReactNode } from 'react'

import './admin.css'

/** The label Payload derived for a field (from `label`, else its name), as plain text. */
export function fieldLabel(field: { label?: unknown; name?: string }): string {
  if (typeof field.label === 'string') return field.label
  const name = field.name ?? ''
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A read-only field of the edit view: its label, then a readable rendering of its value. */
export function ReadOnlyField({
  id,
  label,
  note,
  children,
}: {
  id: string
  label: string
  note?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="field-type tt-field" role="group" aria-labelledby={`${id}-label`}>
      <span className="tt-field__label" id={`${id}-label`}>
        {label}
      </span>
      {children}
      {note ? <p className="tt-field__note">{note}</p> : null}
    </div>
  )
}

/** Header names and values as a two-column table. */
export function HeaderTable({
  caption,
  headers,
}: {
  caption: string
  headers: Record<string, string>
}) {
  const entries = Object.entries(headers)
  if (entries.length === 0) return <p className="tt-muted">No headers.</p>
  return (
    <table className="tt-table">
      <caption className="tt-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Header</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Text (a body, pretty-printed JSON) in a scrollable, keyboard-reachable block. */
export function Pre({ label, text }: { label: string; text: string }) {
  return (
    <pre className="tt-pre" tabIndex={0} role="region" aria-label={label}>
      <code>{text}</code>
    </pre>
  )
}

/** JSON for reading: two-space indentation, `null` for nothing. */
export const prettyJson = (value: unknown) => JSON.stringify(value ?? null, null, 2)
