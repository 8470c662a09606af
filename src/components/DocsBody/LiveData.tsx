import { DataTable, type Column } from '@/components/DataTable'
import { egressIps, eventCatalog } from '@/data/webhooks'
import { env } from '@/lib/env'
import { duration } from '@/lib/webhooks/catalog'
import { RETRY_SCHEDULE_SECONDS } from '@/lib/webhooks/retry'
import type { LiveDataBlock } from '@/payload-types'

import { CodeSample } from './CodeSample'

const Code = ({ children }: { children: string }) => <code>{children}</code>

const RETRY_COLUMNS: Column<{ seconds: number; attempt: number }>[] = [
  { key: 'attempt', header: 'Attempt', isRowHeader: true, cell: (row) => row.attempt },
  {
    key: 'when',
    header: 'When',
    cell: (row) =>
      row.attempt === 1
        ? 'Immediately'
        : `${duration(row.seconds)} after attempt ${row.attempt - 1} failed`,
  },
]

function RetrySchedule() {
  const timeoutSeconds = env().WEBHOOK_TIMEOUT_MS / 1000
  return (
    <>
      <ul>
        <li>
          Answer with any <Code>2xx</Code> status within {timeoutSeconds} seconds. Do slow work
          after answering (put the event on a queue).
        </li>
        <li>
          Anything else (another status, a timeout, a connection error) is retried on the schedule
          below, with ±20% jitter. A longer <Code>Retry-After</Code> header in your answer is
          honoured.
        </li>
      </ul>
      <DataTable
        caption="Retry schedule"
        columns={RETRY_COLUMNS}
        rows={RETRY_SCHEDULE_SECONDS.map((seconds, index) => ({ seconds, attempt: index + 1 }))}
        rowKey={(row) => row.attempt}
      />
      <p>After attempt {RETRY_SCHEDULE_SECONDS.length} the delivery has failed for good.</p>
    </>
  )
}

function EgressIps() {
  const ips = egressIps()
  if (ips.length === 0) {
    return (
      <p>
        This portal has no fixed outgoing addresses configured, so deliveries may come from any
        address. Rely on the signature rather than an IP allowlist.
      </p>
    )
  }
  return (
    <>
      <p>Deliveries come from these addresses:</p>
      <ul aria-label="Outgoing addresses">
        {ips.map((ip) => (
          <li key={ip}>
            <Code>{ip}</Code>
          </li>
        ))}
      </ul>
      <p>An allowlist adds to the signature check; it does not replace it.</p>
    </>
  )
}

function EventCatalog() {
  return (
    <ul className="list-none! space-y-6 pl-0!">
      {eventCatalog().map((event) => (
        <li key={event.type} className="space-y-2">
          <h3 id={`event-${event.type}`} className="font-mono break-words">
            {event.type}
          </h3>
          <p>{event.description}</p>
          <CodeSample title={`Example delivery of ${event.type}`} language="json">
            {event.example}
          </CodeSample>
          <details>
            <summary className="w-fit cursor-pointer text-primary underline">
              JSON Schema of <Code>data</Code>
            </summary>
            <CodeSample title={`JSON Schema of ${event.type} data`} language="json">
              {event.schema}
            </CodeSample>
          </details>
        </li>
      ))}
    </ul>
  )
}

/** Data from the running portal's own registries, rendered when the page is generated. */
export function LiveData({ source }: Pick<LiveDataBlock, 'source'>) {
  if (source === 'webhook-events') return <EventCatalog />
  if (source === 'webhook-egress-ips') return <EgressIps />
  return <RetrySchedule />
}
