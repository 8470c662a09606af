import { DataTable, type Column } from '@/components/DataTable'
import { deliveryAttempts, lastAttemptAt, type DeliveryAttempt } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'
import type { WebhookDelivery } from '@/payload-types'

export const formatDuration = (ms: number | null | undefined) =>
  typeof ms === 'number' ? `${ms.toLocaleString('en')} ms` : null

/** A dash for the eye, words for screen readers. */
export function Empty({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </>
  )
}

const attemptColumns: Column<DeliveryAttempt & { number: number }>[] = [
  { key: 'number', header: '#', isRowHeader: true, cell: (attempt) => attempt.number },
  {
    key: 'at',
    header: 'Time',
    cell: (attempt) => <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>,
  },
  {
    key: 'response',
    header: 'Response',
    cell: (attempt) => attempt.responseStatus ?? <Empty label="No response" />,
  },
  {
    key: 'duration',
    header: 'Duration',
    cell: (attempt) => formatDuration(attempt.durationMs) ?? <Empty label="None" />,
  },
  { key: 'error', header: 'Error', cell: (attempt) => attempt.error ?? <Empty label="None" /> },
]

function Plain({ label, text }: { label: string; text: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className="max-h-64 overflow-auto rounded-md border border-border bg-card p-2 font-mono text-xs break-all whitespace-pre-wrap"
    >
      <code>{text}</code>
    </pre>
  )
}

/** A delivery's attempts, request headers and response, in a disclosure under its row. */
export function DeliveryDetails({ delivery }: { delivery: WebhookDelivery }) {
  const attempts = deliveryAttempts(delivery.attempts).map((attempt, index) => ({
    ...attempt,
    number: index + 1,
  }))
  const requestHeaders =
    delivery.requestHeaders && typeof delivery.requestHeaders === 'object'
      ? JSON.stringify(delivery.requestHeaders, null, 2)
      : null
  return (
    <details className="text-sm">
      <summary className="w-fit cursor-pointer text-primary underline">
        Details<span className="sr-only"> of delivery {delivery.deliveryId}</span>
      </summary>
      <div className="mt-3 space-y-4 rounded-md border border-border bg-muted p-3">
        <p className="text-xs text-muted-foreground">
          Created {formatDateTime(delivery.createdAt)}; last attempt{' '}
          {formatDateTime(lastAttemptAt(delivery))}. The <code>webhook-id</code> header is{' '}
          <code>{delivery.deliveryId}</code> on every attempt.
        </p>
        <div>
          <h3 className="mb-1 font-semibold">Attempts</h3>
          <DataTable
            className="text-xs"
            caption={`Attempts of ${delivery.deliveryId}`}
            columns={attemptColumns}
            rows={attempts}
            rowKey={(attempt) => `${attempt.at}-${attempt.number}`}
            empty={<p className="text-muted-foreground">Not attempted yet.</p>}
          />
        </div>
        <div>
          <h3 className="mb-1 font-semibold">Request headers</h3>
          {requestHeaders ? (
            <Plain label={`Request headers of ${delivery.deliveryId}`} text={requestHeaders} />
          ) : (
            <p className="text-muted-foreground">Not sent yet.</p>
          )}
          <p className="mt-1 text-xs text-muted-foreground">
            The <code>webhook-signature</code> header is not stored.
          </p>
        </div>
        <div>
          <h3 className="mb-1 font-semibold">Response body</h3>
          {delivery.responseBody ? (
            <Plain label={`Response body of ${delivery.deliveryId}`} text={delivery.responseBody} />
          ) : (
            <p className="text-muted-foreground">Empty or none yet.</p>
          )}
          <p className="mt-1 text-xs text-muted-foreground">
            The first 4 KB of the last response, shown as plain text.
          </p>
        </div>
      </div>
    </details>
  )
}
