import { DataTable } from '@/components/DataTable'
import { ActionForm } from '@/components/Form/index.client'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import { Panel } from '@/components/ui/card'
import { EXPORT_LINK_DAYS, type ExportRow } from '@/lib/accountData/exports'

import { requestExportAction } from '../actions'

function stateOf(row: ExportRow, now: number) {
  if (row.status === 'pending') return <Badge tone="warning">Preparing</Badge>
  if (row.status === 'failed') return <Badge tone="danger">Failed</Badge>
  if (row.expires_at && new Date(row.expires_at).getTime() <= now) {
    return <Badge tone="muted">Expired</Badge>
  }
  return <Badge tone="success">{row.downloaded_at ? 'Downloaded' : 'Mailed'}</Badge>
}

/** Asks for an archive of the account's data and lists the recent ones. */
export function ExportCard({
  exports,
  email,
  now,
}: {
  exports: ExportRow[]
  email: string
  now: number
}) {
  return (
    <Panel
      id="export-heading"
      title="Export your data"
      description={`A JSON archive of your profile, your keys' details (never the keys themselves), webhooks (without their signing secrets), discussions, replies, comments and models. We mail a link to ${email}; it works for ${EXPORT_LINK_DAYS} days, only while you are signed in to this account.`}
    >
      <ActionForm
        action={requestExportAction}
        submitLabel="Export my data"
        pendingLabel="Requesting…"
        submitVariant="outline"
      />
      {exports.length > 0 && (
        <DataTable
          className="mt-6"
          caption="Recent exports"
          rows={exports}
          rowKey={(row) => row.id}
          columns={[
            {
              key: 'created',
              header: 'Requested',
              isRowHeader: true,
              cell: (row) => <RelativeTime date={row.created_at} now={now} />,
            },
            { key: 'state', header: 'State', cell: (row) => stateOf(row, now) },
            {
              key: 'expires',
              header: 'Link expires',
              cell: (row) =>
                row.expires_at ? <RelativeTime date={row.expires_at} now={now} /> : '—',
            },
          ]}
        />
      )}
    </Panel>
  )
}
