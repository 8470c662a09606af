import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { DataTable, type Column } from '@/components/DataTable'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { StatCards } from '@/components/StatCards'
import { Panel } from '@/components/ui/card'
import {
  errorRate,
  getKey,
  latencyPercentiles,
  liveLimits,
  requestNow,
  topEndpoints,
  usageSeries,
  type EndpointUsage,
  type ErrorRate,
  type LatencyPercentiles,
} from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { serverUrl } from '@/lib/defaults'
import { granularitySchema } from '@/schemas/apiKeys'

import { OUTCOME_GROUP_LABELS } from '@/lib/usage/outcomes'

import { count, milliseconds, percent } from '@/lib/usage/labels'
import { LimitBars } from './_components/LimitBars'
import { RequestsCard } from './_components/RequestsCard'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key usage' }

type Props = {
  params: Promise<{ keyId: string }>
  searchParams: Promise<{ granularity?: string | string[] }>
}

const STATS_DAYS = 7

export default async function ApiKeyUsagePage({ params, searchParams }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}/usage`)
  const key = await getKey(user, keyId)
  if (!key) notFound()
  const { granularity: rawGranularity } = await searchParams
  const granularity = granularitySchema.parse(
    Array.isArray(rawGranularity) ? rawGranularity[0] : rawGranularity,
  )

  const [series, limits, endpoints, errors, latency] = await Promise.all([
    usageSeries(key.id, granularity),
    liveLimits(key),
    topEndpoints(key.id, STATS_DAYS),
    errorRate(key.id, STATS_DAYS),
    latencyPercentiles(key.id, STATS_DAYS),
  ])
  const now = requestNow()
  const hasAnyUse =
    series.total > 0 || errors.verifications > 0 || errors.reported > 0 || Boolean(key.lastUsedAt)

  const endpointColumns: Column<EndpointUsage>[] = [
    {
      key: 'endpoint',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (row) => <code className="font-mono break-all">{row.endpoint}</code>,
    },
    { key: 'requests', header: 'Requests', cell: (row) => count(row.requests) },
    {
      key: 'rateLimited',
      header: OUTCOME_GROUP_LABELS.limited,
      cell: (row) =>
        row.rateLimited > 0 ? (
          <span className="font-semibold text-warning">{count(row.rateLimited)}</span>
        ) : (
          count(0)
        ),
    },
    { key: 'refused', header: OUTCOME_GROUP_LABELS.refused, cell: (row) => count(row.refused) },
    { key: 'errors', header: 'Errors', cell: (row) => count(row.errors) },
    { key: 'latency', header: 'Avg latency', cell: (row) => milliseconds(row.avgLatencyMs) },
    {
      key: 'lastSeen',
      header: 'Last seen',
      className: 'whitespace-nowrap',
      cell: (row) => <RelativeTime date={row.lastSeen} now={now} />,
    },
  ]

  return (
    <div className="space-y-6">
      <Panel
        id="limits-heading"
        title="Limits right now"
        description={
          <>
            Counts are shared by every key of the {key.organization ? 'organization' : 'account'}{' '}
            and reset at the end of each window.
          </>
        }
      >
        <LimitBars limits={limits} now={now} />
      </Panel>

      {!hasAnyUse ? (
        <Panel id="empty-heading" title="No requests yet">
          <p className="mb-3 text-sm text-muted-foreground">
            Usage shows here within seconds of the first request. Try the key with the plaintext you
            stored when you created it:
          </p>
          <pre
            className="overflow-x-auto rounded-md border border-border bg-muted p-3 text-sm"
            tabIndex={0}
          >
            <code>{`curl -H "Authorization: Bearer <your key>" \\\n  ${serverUrl()}/api/users/me`}</code>
          </pre>
        </Panel>
      ) : (
        <>
          <RequestsCard series={series} granularity={granularity} />
          <section aria-labelledby="quality-heading" className="space-y-3">
            <h2 id="quality-heading" className="text-lg font-semibold">
              Errors and latency, last {STATS_DAYS} days
            </h2>
            <p className="text-sm text-muted-foreground">
              Every call is checked by the key verifier (allowed, rate limited or refused). The{' '}
              <strong>gateway</strong> — TuneTrail&apos;s front door that forwards your calls to the
              API — then reports each response&apos;s status and latency.
            </p>
            <StatCards label="Errors and latency" stats={qualityStats(errors, latency)} />
          </section>
          <Panel id="endpoints-heading" title="Top endpoints">
            <DataTable
              caption={`Busiest endpoints of ${key.name}, last ${STATS_DAYS} days`}
              columns={endpointColumns}
              rows={endpoints}
              rowKey={(row) => row.endpoint}
              empty={
                <p className="text-sm text-muted-foreground">
                  No endpoints recorded in the last {STATS_DAYS} days.
                </p>
              }
            />
          </Panel>
        </>
      )}
    </div>
  )
}

/** Error and refusal rates, and latency percentiles, as stat cards. */
function qualityStats(errors: ErrorRate, latency: LatencyPercentiles) {
  const latencyHint =
    latency.samples === 0
      ? 'The gateway has not reported any latency yet.'
      : `From ${count(latency.samples)} responses the gateway reported.`
  return [
    {
      label: 'Error responses (4xx and 5xx)',
      value: errors.errorRate === null ? '—' : percent(errors.errorRate),
      tone: errors.errorRate ? ('danger' as const) : undefined,
      hint:
        errors.reported === 0
          ? 'The gateway has not reported any response yet.'
          : `${count(errors.clientErrors)} client and ${count(errors.serverErrors)} server errors of ${count(errors.reported)} reported responses`,
    },
    {
      label: `${OUTCOME_GROUP_LABELS.limited} or ${OUTCOME_GROUP_LABELS.refused.toLowerCase()}`,
      value: errors.refusalRate === null ? '—' : percent(errors.refusalRate),
      tone: errors.rateLimited > 0 ? ('warning' as const) : undefined,
      hint: `${OUTCOME_GROUP_LABELS.limited}: ${count(errors.rateLimited)} · ${OUTCOME_GROUP_LABELS.refused}: ${count(errors.refused)} of ${count(errors.verifications)} calls`,
    },
    { label: 'Latency p50', value: milliseconds(latency.p50), hint: latencyHint },
    {
      label: 'Latency p95 / p99',
      value: `${milliseconds(latency.p95)} / ${milliseconds(latency.p99)}`,
      hint: latencyHint,
    },
  ]
}
