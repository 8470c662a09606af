import type { JSONFieldServerComponent } from 'payload'

import { fieldLabel, HeaderTable, Pre, prettyJson, ReadOnlyField } from '@/components/AdminUi'
import { stringRecord } from '@/data/webhooks'

/**
 * A system-written JSON field, read-only and readable: a map of strings (headers) as a table,
 * anything else pretty-printed. Never the code editor, which would load Monaco from a CDN.
 */
export const JsonView: JSONFieldServerComponent = ({ clientField, path, siblingData }) => {
  const value: unknown = siblingData?.[clientField.name]
  const label = fieldLabel(clientField)
  const strings = stringRecord(value)
  return (
    <ReadOnlyField id={`field-${path}`} label={label}>
      {value === null || value === undefined ? (
        <p className="tt-muted">None.</p>
      ) : strings ? (
        <HeaderTable caption={label} headers={strings} />
      ) : (
        <Pre label={label} text={prettyJson(value)} />
      )}
    </ReadOnlyField>
  )
}
