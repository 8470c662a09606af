'use client'

import { useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useId, useState } from 'react'

import '@/components/AdminUi/admin.css'

type Row = { id: number; name: string; value: string }

let nextRowId = 0
const row = (name = '', value = ''): Row => ({ id: nextRowId++, name, value })

/** Rows → the stored object: rows without a name are still being typed and are left out. */
function toHeaders(rows: Row[]): Record<string, string> | null {
  const named = rows.filter((entry) => entry.name.trim() !== '')
  if (named.length === 0) return null
  return Object.fromEntries(named.map((entry) => [entry.name.trim(), entry.value]))
}

function toRows(value: unknown): Row[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value as Record<string, unknown>).map(([name, text]) =>
    row(name, typeof text === 'string' ? text : JSON.stringify(text)),
  )
}

/**
 * An endpoint's extra headers as name/value rows instead of a JSON code editor (which would
 * load Monaco from a CDN). The collection's validate still checks names and values on save.
 */
export const HeadersField: JSONFieldClientComponent = ({ field, path, readOnly }) => {
  const { value, setValue, showError, errorMessage, disabled } = useField<unknown>({ path })
  const [rows, setRows] = useState<Row[]>(() => toRows(value))
  const id = useId()
  const isReadOnly = readOnly || disabled || field.admin?.readOnly === true
  const label = typeof field.label === 'string' ? field.label : 'Headers'
  const description = typeof field.admin?.description === 'string' ? field.admin.description : null

  const update = (next: Row[]) => {
    setRows(next)
    setValue(toHeaders(next))
  }
  const edit = (target: number, change: Partial<Row>) =>
    update(rows.map((entry) => (entry.id === target ? { ...entry, ...change } : entry)))

  return (
    <div
      className="field-type tt-field tt-headers-editor"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={description ? `${id}-description` : undefined}
    >
      <span className="tt-field__label" id={`${id}-label`}>
        {label}
      </span>
      {rows.length === 0 ? <p className="tt-muted">No extra headers.</p> : null}
      {rows.map((entry, index) => (
        <div className="tt-headers-editor__row" key={entry.id}>
          <input
            aria-label={`Header ${index + 1} name`}
            placeholder="X-Name"
            value={entry.name}
            readOnly={isReadOnly}
            onChange={(event) => edit(entry.id, { name: event.target.value })}
          />
          <input
            aria-label={`Header ${index + 1} value`}
            placeholder="value"
            value={entry.value}
            readOnly={isReadOnly}
            onChange={(event) => edit(entry.id, { value: event.target.value })}
          />
          {isReadOnly ? null : (
            <button
              type="button"
              onClick={() => update(rows.filter((other) => other.id !== entry.id))}
            >
              Remove<span className="tt-sr-only"> header {index + 1}</span>
            </button>
          )}
        </div>
      ))}
      {isReadOnly ? null : (
        <button type="button" onClick={() => setRows([...rows, row()])}>
          Add header
        </button>
      )}
      {showError && errorMessage ? (
        <p className="tt-field__error" role="alert">
          {errorMessage}
        </p>
      ) : null}
      {description ? (
        <p className="tt-field__note" id={`${id}-description`}>
          {description}
        </p>
      ) : null}
    </div>
  )
}
