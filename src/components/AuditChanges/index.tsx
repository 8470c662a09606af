import type { JSONFieldServerComponent } from 'payload'

import { fieldLabel, ReadOnlyField } from '@/components/AdminUi'

type Change = { field: string; before?: unknown; after: unknown }

const isDiff = (value: unknown): value is { from: unknown; to: unknown } =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value

/** `{ name: { from, to } }` entries are edits; any other entry is a value set at the time. */
export function auditChanges(value: unknown): Change[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value as Record<string, unknown>).map(([field, entry]) =>
    isDiff(entry) ? { field, before: entry.from, after: entry.to } : { field, after: entry },
  )
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return <span className="tt-muted">none</span>
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return <code>{value.join(', ')}</code>
  }
  return <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
}

/** An audit entry's changes as a table: field, before, after. */
export const AuditChanges: JSONFieldServerComponent = ({ clientField, path, siblingData }) => {
  const changes = auditChanges(siblingData?.[clientField.name])
  const label = fieldLabel(clientField)
  return (
    <ReadOnlyField id={`field-${path}`} label={label}>
      {changes.length === 0 ? (
        <p className="tt-muted">No changes recorded.</p>
      ) : (
        <table className="tt-table">
          <caption className="tt-sr-only">{label}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.field}</th>
                <td>{'before' in change ? <Value value={change.before} /> : '—'}</td>
                <td>
                  <Value value={change.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReadOnlyField>
  )
}
