import Link from 'next/link'
import type { ReactNode } from 'react'

import {
  AnalyticsChart,
  type ChartMark,
  type ChartSeries,
} from '@/components/AnalyticsChart/index.client'
import { DataTable, type Column } from '@/components/DataTable'
import { StatCards } from '@/components/StatCards'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Panel } from '@/components/ui/card'
import type {
  AccountKey,
  CountrySeries,
  EndpointLatency,
  EndpointLatencySeries,
  EndpointSeries,
  EndpointStats,
  ErrorSeries,
  HttpErrorGroup,
  IpSeries,
  IpStats,
  KeySeries,
  KeyStats,
  LatencyPoint,
  LatencySeries,
  LogEvent,
  RefusalGroup,
  RequestLog,
  RequestPoint,
  RequestSeries,
} from '@/lib/analytics'
import type { IncidentMark } from '@/lib/analytics/incidents'
import { UNIT_MS, type AnalyticsGranularity } from '@/lib/analytics/range'
import { OUTCOME_GROUP_LABELS } from '@/lib/usage/outcomes'
import { OUTCOME_LABELS } from '@/lib/usage/labels'
import { formatDateTime } from '@/lib/time'

import { bucketLabel, count, countryName, ms, share, UNIT_LABELS } from './format'
import { chartParams, queryString, type PageQuery } from './query'

export type SectionContext = {
  query: PageQuery
  /** Status-page incidents in the range, shaded on the time charts. */
  incidents: IncidentMark[]
  /** The API's parameters for the same view (for the CSV links). */
  apiQuery: Record<string, string | number | undefined>
  now: number
}

const PAGE = '/dashboard/analytics'

/** A link to the same series as CSV, from the API the page reads. */
function CsvLink({ series, context }: { series: string; context: SectionContext }) {
  return (
    <a
      href={`/api/analytics/${series}${queryString({ ...context.apiQuery, format: 'csv' })}`}
      download
      className="text-sm text-primary underline"
    >
      Download CSV
    </a>
  )
}

/** A chart's numbers as a table, folded away under it (its text alternative). */
function TableAlternative({ children }: { children: ReactNode }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-primary">Show as a table</summary>
      <div className="mt-2">{children}</div>
    </details>
  )
}

/** Where the request log shows the requests of a group (its filters, the range kept). */
const logHref = (context: SectionContext, filters: Record<string, string | undefined>) =>
  `${PAGE}${queryString({ ...chartParams(context.query), ...filters })}#log-heading`

const endpointCell = (endpoint: string | null) =>
  endpoint ? (
    <code className="font-mono break-all">{endpoint}</code>
  ) : (
    <span className="text-muted-foreground">(none given)</span>
  )

/**
 * The incidents as shaded spans of a time chart: from the bucket holding the start to the one
 * holding the end (or the last bucket while it is open), labelled by their bucket labels.
 */
function incidentSpans(
  incidents: IncidentMark[],
  buckets: string[],
  granularity: AnalyticsGranularity,
): ChartMark[] {
  const unit = UNIT_MS[granularity]
  return incidents.flatMap((incident) => {
    const start = Date.parse(incident.startedAt)
    const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Infinity
    const inside = buckets.filter((bucket) => {
      const at = Date.parse(bucket)
      return at + unit > start && at < end
    })
    if (inside.length === 0) return []
    return [
      {
        x1: bucketLabel(inside[0], granularity),
        x2: bucketLabel(inside[inside.length - 1], granularity),
        label: incident.title,
      },
    ]
  })
}

const IMPACT_LABELS = { none: 'No impact', minor: 'Minor', major: 'Major', critical: 'Critical' }

/** The range's status incidents in words: when, what, and what they did to these requests. */
export function IncidentsSection({ context }: { context: SectionContext }) {
  if (context.incidents.length === 0) return null
  return (
    <Panel
      id="incidents-heading"
      title="Incidents in this range"
      description="Shaded on the charts below. Counts are this account's requests while each lasted, read by the minute, hour or day."
    >
      <ul className="divide-y divide-border">
        {context.incidents.map((incident) => (
          <li key={incident.id} className="py-3 text-sm">
            <p className="font-medium">
              <Link href={`/status/incidents/${incident.id}`} className="text-primary underline">
                {incident.title}
              </Link>{' '}
              <span className="text-muted-foreground">
                · {IMPACT_LABELS[incident.impact]} · {formatDateTime(incident.startedAt)} to{' '}
                {incident.resolvedAt ? formatDateTime(incident.resolvedAt) : 'now (still open)'}
                {incident.components.length > 0 ? ` · ${incident.components.join(', ')}` : ''}
              </span>
            </p>
            <p>
              {incident.reported > 0
                ? `${count(incident.failed)} of your ${count(incident.reported)} responses failed (5xx) during it; ${count(incident.requests)} calls were verified.`
                : `The gateway reported none of your responses then, so failures are unknown (${count(incident.requests)} calls verified).`}
            </p>
          </li>
        ))}
      </ul>
    </Panel>
  )
}

// ——— Summary ——————————————————————————————————————————————————————————————————————————

export function SummaryCards({
  requests,
  latency,
  errors,
}: {
  requests: RequestSeries
  latency: LatencySeries
  errors: ErrorSeries
}) {
  const totals = requests.totals
  return (
    <StatCards
      label="Totals for the range"
      stats={[
        {
          label: 'Verified calls',
          value: count(totals.verified),
          hint: `${share(totals.allowed, totals.verified)} allowed`,
        },
        {
          label: `${OUTCOME_GROUP_LABELS.limited} / ${OUTCOME_GROUP_LABELS.refused.toLowerCase()}`,
          value: `${count(totals.limited)} / ${count(totals.refused)}`,
          tone: totals.limited > 0 ? 'warning' : undefined,
          hint: `${share(totals.limited + totals.refused, totals.verified)} of calls`,
        },
        {
          label: 'Error responses',
          value: count(errors.totals.clientErrors + errors.totals.serverErrors),
          tone: errors.totals.serverErrors > 0 ? 'danger' : undefined,
          hint: `${count(errors.totals.clientErrors)} 4xx · ${count(errors.totals.serverErrors)} 5xx of ${count(errors.totals.reported)} reported`,
        },
        {
          label: 'Latency p95',
          value: ms(latency.overall.p95),
          hint: `p50 ${ms(latency.overall.p50)} · p99 ${ms(latency.overall.p99)}`,
        },
      ]}
    />
  )
}

// ——— Requests over time ———————————————————————————————————————————————————————————————

const OUTCOME_SERIES: ChartSeries[] = [
  { key: 'allowed', name: OUTCOME_GROUP_LABELS.allowed, color: 'var(--success)' },
  { key: 'limited', name: OUTCOME_GROUP_LABELS.limited, color: 'var(--warning)' },
  { key: 'refused', name: OUTCOME_GROUP_LABELS.refused, color: 'var(--danger)' },
]

const STATUS_SERIES: ChartSeries[] = [
  { key: '2xx', name: '2xx', color: 'var(--success)' },
  { key: '3xx', name: '3xx', color: 'var(--primary)' },
  { key: '4xx', name: '4xx', color: 'var(--warning)' },
  { key: '5xx', name: '5xx', color: 'var(--danger)' },
]

export function RequestsSection({
  series,
  context,
}: {
  series: RequestSeries
  context: SectionContext
}) {
  const unit = UNIT_LABELS[series.granularity]
  const label = (point: RequestPoint) => bucketLabel(point.bucket, series.granularity)
  const columns: Column<RequestPoint>[] = [
    {
      key: 'time',
      header: 'Time (UTC)',
      isRowHeader: true,
      className: 'whitespace-nowrap',
      cell: (point) => <time dateTime={point.bucket}>{label(point)}</time>,
    },
    ...OUTCOME_SERIES.map((s) => ({
      key: s.key,
      header: s.name,
      className: 'tabular-nums',
      cell: (point: RequestPoint) => count(point[s.key as 'allowed' | 'limited' | 'refused']),
    })),
    ...series.codes
      .filter((code) => code !== 'VALID')
      .map((code) => ({
        key: `code-${code}`,
        header: OUTCOME_LABELS[code] ?? code,
        className: 'tabular-nums',
        cell: (point: RequestPoint) => count(point.byCode[code] ?? 0),
      })),
    ...STATUS_SERIES.map((s) => ({
      key: s.key,
      header: s.name,
      className: 'tabular-nums',
      cell: (point: RequestPoint) =>
        count(point.byStatusClass[s.key as keyof RequestPoint['byStatusClass']]),
    })),
  ]
  const hasRequests = series.totals.verified > 0 || series.totals.reported > 0
  const marks = incidentSpans(
    context.incidents,
    series.points.map((point) => point.bucket),
    series.granularity,
  )
  return (
    <Panel
      id="requests-heading"
      title={`Requests ${unit}`}
      aside={<CsvLink series="requests" context={context} />}
    >
      {!hasRequests ? (
        <p className="text-sm">No requests in this range. Try a longer range or every key.</p>
      ) : (
        <>
          <h3 className="mb-1 text-sm font-semibold">By outcome</h3>
          <AnalyticsChart
            marks={marks}
            kind="bars"
            rows={series.points.map((point) => ({
              label: label(point),
              allowed: point.allowed,
              limited: point.limited,
              refused: point.refused,
            }))}
            series={OUTCOME_SERIES}
            summary={`Stacked bars of verified calls ${unit}: ${OUTCOME_SERIES.map((s) => `${s.name.toLowerCase()} ${count(series.totals[s.key as 'allowed'])}`).join(', ')}.`}
          />
          {series.totals.reported > 0 && (
            <>
              <h3 className="mt-4 mb-1 text-sm font-semibold">
                Responses by status class (reported by the gateway)
              </h3>
              <AnalyticsChart
                kind="bars"
                rows={series.points.map((point) => ({
                  label: label(point),
                  ...point.byStatusClass,
                }))}
                series={STATUS_SERIES}
                summary={`Stacked bars of responses ${unit} by status class: ${STATUS_SERIES.map((s) => `${s.name} ${count(series.totals.byStatusClass[s.key as '2xx'])}`).join(', ')}.`}
              />
            </>
          )}
          <TableAlternative>
            <DataTable
              caption={`Requests ${unit}, by outcome, code and status class`}
              columns={columns}
              rows={series.points}
              rowKey={(point) => point.bucket}
            />
          </TableAlternative>
        </>
      )}
    </Panel>
  )
}

// ——— Latency ——————————————————————————————————————————————————————————————————————————

const LATENCY_SERIES: ChartSeries[] = [
  { key: 'p50', name: 'p50', color: 'var(--primary)' },
  { key: 'p95', name: 'p95', color: 'var(--warning)', dash: '6 3' },
  { key: 'p99', name: 'p99', color: 'var(--danger)', dash: '2 3' },
]

export function LatencySection({
  series,
  byEndpoint,
  context,
}: {
  series: LatencySeries
  byEndpoint: EndpointLatencySeries
  context: SectionContext
}) {
  const unit = UNIT_LABELS[series.granularity]
  const label = (point: LatencyPoint) => bucketLabel(point.bucket, series.granularity)
  const percentileColumns = <Row extends { p50: number | null }>() =>
    LATENCY_SERIES.map((s) => ({
      key: s.key,
      header: s.name,
      className: 'tabular-nums',
      cell: (row: Row) => ms((row as unknown as Record<string, number | null>)[s.key]),
    }))
  const timeColumns: Column<LatencyPoint>[] = [
    {
      key: 'time',
      header: 'Time (UTC)',
      isRowHeader: true,
      className: 'whitespace-nowrap',
      cell: (point) => <time dateTime={point.bucket}>{label(point)}</time>,
    },
    ...percentileColumns<LatencyPoint>(),
    {
      key: 'requests',
      header: 'Responses',
      className: 'tabular-nums',
      cell: (point) => count(point.requests),
    },
  ]
  const endpointColumns: Column<EndpointLatency>[] = [
    {
      key: 'endpoint',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (row) => endpointCell(row.endpoint),
    },
    ...percentileColumns<EndpointLatency>(),
    {
      key: 'requests',
      header: 'Responses',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
  ]
  return (
    <Panel
      id="latency-heading"
      title={`Latency ${unit}`}
      description="Percentiles of the response times the gateway reported, over every response in each bucket (never an average of averages)."
      aside={<CsvLink series="latency" context={context} />}
    >
      {series.overall.requests === 0 ? (
        <p className="text-sm">The gateway reported no response times in this range.</p>
      ) : (
        <>
          <AnalyticsChart
            marks={incidentSpans(
              context.incidents,
              series.points.map((point) => point.bucket),
              series.granularity,
            )}
            kind="lines"
            unit="ms"
            rows={series.points.map((point) => ({
              label: label(point),
              p50: point.p50,
              p95: point.p95,
              p99: point.p99,
            }))}
            series={LATENCY_SERIES}
            summary={`Lines of latency percentiles ${unit}; over the whole range p50 ${ms(series.overall.p50)}, p95 ${ms(series.overall.p95)}, p99 ${ms(series.overall.p99)}.`}
          />
          <TableAlternative>
            <DataTable
              caption={`Latency percentiles ${unit}`}
              columns={timeColumns}
              rows={series.points}
              rowKey={(point) => point.bucket}
            />
          </TableAlternative>
          <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="text-sm font-semibold">Per endpoint</h3>
            <CsvLink series="latency-by-endpoint" context={context} />
          </div>
          <DataTable
            caption="Latency percentiles per endpoint, busiest first"
            columns={endpointColumns}
            rows={byEndpoint.endpoints}
            rowKey={(row) => row.endpoint ?? ''}
          />
        </>
      )}
    </Panel>
  )
}

// ——— Errors ———————————————————————————————————————————————————————————————————————————

export function ErrorsSection({
  series,
  context,
}: {
  series: ErrorSeries
  context: SectionContext
}) {
  const httpColumns: Column<HttpErrorGroup>[] = [
    {
      key: 'endpoint',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (row) => endpointCell(row.endpoint),
    },
    { key: 'status', header: 'Status', className: 'tabular-nums', cell: (row) => row.status },
    {
      key: 'requests',
      header: 'Responses',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
    {
      key: 'share',
      header: 'Of the endpoint',
      className: 'tabular-nums',
      cell: (row) => share(row.requests, row.endpointRequests),
    },
    {
      key: 'drill',
      header: 'Requests',
      isHeaderHidden: true,
      cell: (row) => (
        <Link
          href={logHref(context, {
            endpoint: row.endpoint ?? undefined,
            status: String(row.status),
          })}
          className="text-primary underline"
        >
          View requests
          <span className="sr-only">
            {' '}
            answered {row.status} on {row.endpoint ?? 'no endpoint'}
          </span>
        </Link>
      ),
    },
  ]
  const refusalColumns: Column<RefusalGroup>[] = [
    {
      key: 'endpoint',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (row) => endpointCell(row.endpoint),
    },
    { key: 'code', header: 'Code', cell: (row) => OUTCOME_LABELS[row.code] ?? row.code },
    {
      key: 'requests',
      header: 'Calls',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
    {
      key: 'share',
      header: 'Of the endpoint',
      className: 'tabular-nums',
      cell: (row) => share(row.requests, row.endpointRequests),
    },
    {
      key: 'drill',
      header: 'Requests',
      isHeaderHidden: true,
      cell: (row) => (
        <Link
          href={logHref(context, { endpoint: row.endpoint ?? undefined, code: row.code })}
          className="text-primary underline"
        >
          View requests
          <span className="sr-only">
            {' '}
            refused {row.code} on {row.endpoint ?? 'no endpoint'}
          </span>
        </Link>
      ),
    },
  ]
  return (
    <Panel
      id="errors-heading"
      title="Errors by endpoint"
      description="Error responses (4xx and 5xx) and refused calls, grouped by endpoint and status or code, largest first. Each group opens its requests in the log below."
      aside={<CsvLink series="errors" context={context} />}
    >
      <h3 className="mb-1 text-sm font-semibold">Error responses</h3>
      <DataTable
        caption="Error responses by endpoint and status"
        columns={httpColumns}
        rows={series.http}
        rowKey={(row) => `${row.endpoint}:${row.status}`}
        empty={<p className="text-sm">No 4xx or 5xx responses in this range.</p>}
      />
      <h3 className="mt-4 mb-1 text-sm font-semibold">Refused calls</h3>
      <DataTable
        caption="Refused calls by endpoint and code"
        columns={refusalColumns}
        rows={series.refusals}
        rowKey={(row) => `${row.endpoint}:${row.code}`}
        empty={<p className="text-sm">No calls were refused in this range.</p>}
      />
    </Panel>
  )
}

// ——— Top lists ————————————————————————————————————————————————————————————————————————

export function TopListsSection({
  endpoints,
  keys,
  ips,
  context,
}: {
  endpoints: EndpointSeries
  keys: KeySeries
  ips: IpSeries
  context: SectionContext
}) {
  const endpointColumns: Column<EndpointStats>[] = [
    {
      key: 'endpoint',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (row) => endpointCell(row.endpoint),
    },
    {
      key: 'requests',
      header: 'Requests',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
    {
      key: 'limited',
      header: OUTCOME_GROUP_LABELS.limited,
      className: 'tabular-nums',
      cell: (row) => count(row.limited),
    },
    {
      key: 'refused',
      header: OUTCOME_GROUP_LABELS.refused,
      className: 'tabular-nums',
      cell: (row) => count(row.refused),
    },
    {
      key: 'errors',
      header: '4xx / 5xx',
      className: 'tabular-nums',
      cell: (row) => `${count(row.clientErrors)} / ${count(row.serverErrors)}`,
    },
  ]
  const keyColumns: Column<KeyStats>[] = [
    {
      key: 'key',
      header: 'Key',
      isRowHeader: true,
      cell: (row) =>
        row.name ? (
          <Link href={`/api-keys/${row.keyId}`} className="text-primary underline">
            {row.name}
          </Link>
        ) : (
          <span className="text-muted-foreground">Deleted key #{row.keyId}</span>
        ),
    },
    { key: 'environment', header: 'Environment', cell: (row) => row.environment ?? '—' },
    {
      key: 'requests',
      header: 'Requests',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
    {
      key: 'limited',
      header: OUTCOME_GROUP_LABELS.limited,
      className: 'tabular-nums',
      cell: (row) => count(row.limited),
    },
    {
      key: 'errors',
      header: 'Error responses',
      className: 'tabular-nums',
      cell: (row) => count(row.errors),
    },
  ]
  const ipColumns: Column<IpStats>[] = [
    {
      key: 'ip',
      header: 'Address',
      isRowHeader: true,
      cell: (row) => (
        <Link
          href={logHref(context, { ip: row.ip })}
          className="font-mono break-all text-primary underline"
        >
          {row.ip}
        </Link>
      ),
    },
    { key: 'country', header: 'Country', cell: (row) => countryName(row.country) },
    {
      key: 'requests',
      header: 'Calls',
      className: 'tabular-nums',
      cell: (row) => count(row.requests),
    },
  ]
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Panel
        id="endpoints-heading"
        title="Top endpoints"
        aside={<CsvLink series="endpoints" context={context} />}
        className="xl:col-span-2"
      >
        <DataTable
          caption="Busiest endpoints in the range"
          columns={endpointColumns}
          rows={endpoints.endpoints}
          rowKey={(row) => row.endpoint ?? ''}
          empty={<p className="text-sm">No endpoints recorded in this range.</p>}
        />
      </Panel>
      <Panel id="keys-heading" title="Top keys" aside={<CsvLink series="keys" context={context} />}>
        <DataTable
          caption="Busiest keys in the range"
          columns={keyColumns}
          rows={keys.keys}
          rowKey={(row) => row.keyId}
          empty={<p className="text-sm">No key was used in this range.</p>}
        />
      </Panel>
      <Panel
        id="ips-heading"
        title="Top client addresses"
        aside={<CsvLink series="ips" context={context} />}
      >
        <DataTable
          caption={`Busiest client addresses in the range (${count(ips.distinct)} in all)`}
          columns={ipColumns}
          rows={ips.ips}
          rowKey={(row) => row.ip}
          empty={<p className="text-sm">No client addresses recorded in this range.</p>}
        />
      </Panel>
    </div>
  )
}

// ——— Countries ————————————————————————————————————————————————————————————————————————

export function CountriesSection({
  series,
  context,
}: {
  series: CountrySeries
  context: SectionContext
}) {
  const top = series.countries.slice(0, 12)
  return (
    <Panel
      id="countries-heading"
      title="Where calls come from"
      description="Countries of the client addresses, from an offline IP-to-country database shipped with the portal."
      aside={<CsvLink series="countries" context={context} />}
    >
      {series.total === 0 ? (
        <p className="text-sm">No client addresses recorded in this range.</p>
      ) : (
        <>
          <AnalyticsChart
            kind="ranked"
            rows={top.map((row) => ({ label: row.country ?? 'Unknown', calls: row.requests }))}
            series={[{ key: 'calls', name: 'Calls', color: 'var(--primary)' }]}
            summary={`Horizontal bars of calls by country, busiest first: ${top
              .slice(0, 5)
              .map((row) => `${countryName(row.country)} ${count(row.requests)}`)
              .join(', ')}.`}
          />
          <TableAlternative>
            <DataTable
              caption="Calls by country"
              columns={[
                {
                  key: 'country',
                  header: 'Country',
                  isRowHeader: true,
                  cell: (row) => countryName(row.country),
                },
                {
                  key: 'requests',
                  header: 'Calls',
                  className: 'tabular-nums',
                  cell: (row) => count(row.requests),
                },
                {
                  key: 'share',
                  header: 'Share',
                  className: 'tabular-nums',
                  cell: (row) => share(row.share, 1),
                },
              ]}
              rows={series.countries}
              rowKey={(row) => row.country ?? ''}
            />
          </TableAlternative>
        </>
      )}
    </Panel>
  )
}

// ——— Request log ——————————————————————————————————————————————————————————————————————

export function LogSection({
  log,
  context,
  keys,
}: {
  log: RequestLog
  context: SectionContext
  keys: AccountKey[]
}) {
  const { query } = context
  const names = new Map(keys.map((key) => [key.id, key.name]))
  const columns: Column<LogEvent>[] = [
    {
      key: 'time',
      header: 'Time (UTC)',
      isRowHeader: true,
      className: 'whitespace-nowrap',
      cell: (row) => <time dateTime={row.occurredAt}>{formatDateTime(row.occurredAt)}</time>,
    },
    {
      key: 'kind',
      header: 'Kind',
      cell: (row) => (row.kind === 'verify' ? 'Verification' : 'Gateway'),
    },
    {
      key: 'key',
      header: 'Key',
      cell: (row) => (row.keyId ? (names.get(row.keyId) ?? `#${row.keyId}`) : '—'),
    },
    { key: 'endpoint', header: 'Endpoint', cell: (row) => endpointCell(row.endpoint) },
    {
      key: 'result',
      header: 'Result',
      cell: (row) =>
        row.kind === 'report'
          ? String(row.status ?? '—')
          : (OUTCOME_LABELS[row.code ?? ''] ?? row.code ?? '—'),
    },
    {
      key: 'latency',
      header: 'Latency',
      className: 'tabular-nums',
      cell: (row) => ms(row.latencyMs),
    },
    {
      key: 'ip',
      header: 'Address',
      cell: (row) =>
        row.ip ? (
          <span className="font-mono break-all">
            {row.ip}
            {row.country ? ` (${row.country})` : ''}
          </span>
        ) : (
          '—'
        ),
    },
  ]
  const filters = { ...query.log, cursor: undefined }
  const isFiltered = Object.values(filters).some(Boolean)
  return (
    <Panel
      id="log-heading"
      title="Request log"
      description="Every call still kept (30 days), newest first, in the range above."
      aside={
        <CsvLink
          series="log"
          context={{ ...context, apiQuery: { ...context.apiQuery, ...filters } }}
        />
      }
    >
      <form
        method="get"
        action={`${PAGE}#log-heading`}
        aria-label="Request log filters"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        {Object.entries(chartParams(query)).map(
          ([name, value]) =>
            value !== undefined && <input key={name} type="hidden" name={name} value={value} />,
        )}
        {(
          [
            ['endpoint', 'Endpoint', 'GET /v1/tracks'],
            ['status', 'Status', '404 or 4xx'],
            ['code', 'Code', 'RATE_LIMITED'],
            ['ip', 'Address', '203.0.113.7'],
          ] as const
        ).map(([name, label, placeholder]) => (
          <div key={name} className="w-full space-y-1.5 sm:w-44">
            <Label htmlFor={`log-${name}`}>{label}</Label>
            <Input
              id={`log-${name}`}
              name={name}
              defaultValue={query.log[name] ?? ''}
              placeholder={placeholder}
              maxLength={300}
            />
          </div>
        ))}
        <Button type="submit" variant="outline">
          Filter
        </Button>
        {isFiltered && (
          <Link
            href={`${PAGE}${queryString(chartParams(query))}#log-heading`}
            className="min-h-10 py-2 text-sm text-primary underline"
          >
            Clear
          </Link>
        )}
      </form>
      <DataTable
        caption="Requests, newest first"
        columns={columns}
        rows={log.events}
        rowKey={(row) => row.id}
        empty={<p className="text-sm">No requests match in this range.</p>}
      />
      <nav aria-label="Request log pages" className="mt-3 flex gap-4 text-sm">
        {query.log.cursor && (
          <Link
            href={`${PAGE}${queryString({ ...chartParams(query), ...filters })}#log-heading`}
            className="text-primary underline"
          >
            Newest
          </Link>
        )}
        {log.nextCursor && (
          <Link
            href={`${PAGE}${queryString({ ...chartParams(query), ...filters, cursor: log.nextCursor })}#log-heading`}
            className="text-primary underline"
          >
            Older requests
          </Link>
        )}
      </nav>
    </Panel>
  )
}
