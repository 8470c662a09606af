import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import { UsageChart } from '@/components/UsageChart/index.client'
import { Card } from '@/components/ui/card'
import {
  errorRate,
  getKey,
  keyState,
  latencyPercentiles,
  liveLimits,
  requestNow,
  topEndpoints,
  usageSeries,
  type LiveLimit,
} from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { serverUrl } from '@/lib/defaults'
import type { Resource } from '@/lib/plans'
import { formatDateTime, relativeTime } from '@/lib/time'
import { granularitySchema, USAGE_GRANULARITIES, type UsageGranularity } from '@/schemas/apiKeys'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key usage' }

type Props = {
  params: Promise<{ keyId: string }>
  searchParams: Promise<{ granularity?: string | string[] }>
}

const STATS_DAYS = 7

const RANGES: Record<UsageGranularity, { label: string; range: string; unit: string }> = {
  minute: { label: 'Minute', range: 'last 60 minutes', unit: 'per minute' },
  hour: { label: 'Hour', range: 'last 48 hours', unit: 'per hour' },
  day: { label: 'Day', range: 'last 30 days', unit: 'per day' },
}

const RESOURCE_LABELS: Record<Resource, string> = {
  api_calls: 'API calls',
  audio_processing: 'Audio processing',
  model_training: 'Model training',
}

const OUTCOME_LABELS: Record<string, string> = {
  VALID: 'Allowed',
  RATE_LIMITED: 'Rate limited',
  USAGE_EXCEEDED: 'Quota exceeded',
  NOT_FOUND: 'Unknown key',
  REVOKED: 'Revoked',
  EXPIRED: 'Expired',
  INSUFFICIENT_SCOPE: 'Missing scope',
  IP_NOT_ALLOWED: 'IP not allowed',
}

const bucketFormat: Record<UsageGranularity, Intl.DateTimeFormat> = {
  minute: new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' }),
  hour: new Intl.DateTimeFormat('en', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    timeZone: 'UTC',
  }),
  day: new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
}

const count = (value: number) => value.toLocaleString('en')
const percent = (value: number) =>
  `${(value * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`

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
  const range = RANGES[granularity]
  const labels = series.points.map((point) => bucketFormat[granularity].format(point.bucket))

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1 text-sm">
        <Link href="/api-keys" className="text-primary underline">
          API keys
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={`/api-keys/${key.id}`} className="text-primary underline">
          {key.name}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold break-words">Usage of {key.name}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-sm break-all text-muted-foreground">{key.display}</code>
          <EnvironmentBadge environment={key.environment} />
          <StatusBadge state={keyState(key, now)} />
          <span className="text-sm text-muted-foreground">
            Last used{' '}
            {key.lastUsedAt ? (
              <time dateTime={key.lastUsedAt} title={formatDateTime(key.lastUsedAt)}>
                {relativeTime(key.lastUsedAt, now)}
              </time>
            ) : (
              'never'
            )}
          </span>
        </div>
      </header>

      <Card aria-labelledby="limits-heading">
        <h2 id="limits-heading" className="mb-1 text-lg font-semibold">
          Limits right now
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          Counts are shared by every key of the {key.organization ? 'organization' : 'account'} and
          reset at the end of each window.
        </p>
        {limits.length === 0 ? (
          <p className="text-sm">No limits apply to this key&apos;s plan.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {limits.map((limit) => (
              <LimitBar
                key={`${limit.resource}:${limit.window}:${limit.isKeyLimit ? 'key' : 'account'}`}
                limit={limit}
                now={now}
              />
            ))}
          </ul>
        )}
      </Card>

      {!hasAnyUse ? (
        <Card aria-labelledby="empty-heading">
          <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
            No requests yet
          </h2>
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
        </Card>
      ) : (
        <>
          <Card aria-labelledby="requests-heading">
            <div className="mb-4 flex flex-wrap items-baseline justify-between gap-3">
              <h2 id="requests-heading" className="text-lg font-semibold">
                Requests {range.unit}, {range.range}
              </h2>
              <nav aria-label="Time range" className="flex gap-1">
                {USAGE_GRANULARITIES.map((option) => (
                  <Link
                    key={option}
                    href={`?granularity=${option}`}
                    aria-current={option === granularity ? 'page' : undefined}
                    className="min-h-10 rounded-md border border-border px-3 py-2 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
                  >
                    {RANGES[option].label}
                  </Link>
                ))}
              </nav>
            </div>
            {series.total === 0 ? (
              <p className="text-sm">
                No requests in the {range.range}. Choose a longer range to see older use.
              </p>
            ) : (
              <>
                <UsageChart
                  points={series.points.map((point) => ({
                    bucket: point.bucket.toISOString(),
                    total: point.total,
                    byOutcome: point.byOutcome,
                  }))}
                  labels={labels}
                  unitLabel={range.unit}
                />
                <details className="mt-4">
                  <summary className="cursor-pointer text-sm font-medium">
                    Show the numbers as a table
                  </summary>
                  <div
                    className="mt-3 max-h-96 overflow-auto"
                    tabIndex={0}
                    role="region"
                    aria-label="Requests table"
                  >
                    <table className="w-full text-left text-sm">
                      <caption className="mb-2 text-left text-muted-foreground">
                        Requests {range.unit} by outcome, {range.range} (times in UTC)
                      </caption>
                      <thead>
                        <tr className="border-b border-border">
                          <th scope="col" className="py-2 pr-4">
                            Time
                          </th>
                          {series.outcomes.map((outcome) => (
                            <th key={outcome} scope="col" className="py-2 pr-4">
                              {OUTCOME_LABELS[outcome] ?? outcome}
                            </th>
                          ))}
                          <th scope="col" className="py-2">
                            Total
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {series.points.map((point, i) => (
                          <tr
                            key={point.bucket.toISOString()}
                            className="border-b border-border last:border-0"
                          >
                            <th scope="row" className="py-1.5 pr-4 font-normal whitespace-nowrap">
                              <time dateTime={point.bucket.toISOString()}>{labels[i]}</time>
                            </th>
                            {series.outcomes.map((outcome) => (
                              <td key={outcome} className="py-1.5 pr-4 tabular-nums">
                                {count(point.byOutcome[outcome] ?? 0)}
                              </td>
                            ))}
                            <td className="py-1.5 tabular-nums">{count(point.total)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </>
            )}
          </Card>

          <div className="grid gap-6 md:grid-cols-2">
            <Card aria-labelledby="errors-heading">
              <h2 id="errors-heading" className="mb-3 text-lg font-semibold">
                Error rate
              </h2>
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className="text-muted-foreground">
                    Error responses (4xx and 5xx), last {errors.days} days
                  </dt>
                  <dd className="text-xl font-semibold tabular-nums">
                    {errors.errorRate === null ? '—' : percent(errors.errorRate)}
                  </dd>
                  <dd className="text-muted-foreground">
                    {errors.reported === 0
                      ? 'No responses reported by the gateway yet.'
                      : `${count(errors.clientErrors)} client and ${count(errors.serverErrors)} server errors of ${count(errors.reported)} reported responses`}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">
                    Refused verifications, last {errors.days} days
                  </dt>
                  <dd className="text-xl font-semibold tabular-nums">
                    {errors.refusalRate === null ? '—' : percent(errors.refusalRate)}
                  </dd>
                  <dd className="text-muted-foreground">
                    {count(errors.refused)} of {count(errors.verifications)} verifications
                  </dd>
                </div>
              </dl>
            </Card>

            <Card aria-labelledby="latency-heading">
              <h2 id="latency-heading" className="mb-3 text-lg font-semibold">
                Latency
              </h2>
              {latency.samples === 0 ? (
                <p className="text-sm text-muted-foreground">
                  No latency reported in the last {latency.days} days. It comes from the
                  gateway&apos;s reports of each request.
                </p>
              ) : (
                <>
                  <dl className="grid grid-cols-3 gap-3 text-sm">
                    {(
                      [
                        ['p50', latency.p50],
                        ['p95', latency.p95],
                        ['p99', latency.p99],
                      ] as const
                    ).map(([label, value]) => (
                      <div key={label}>
                        <dt className="text-muted-foreground">{label}</dt>
                        <dd className="text-xl font-semibold tabular-nums">
                          {value === null ? '—' : `${count(value)} ms`}
                        </dd>
                      </div>
                    ))}
                  </dl>
                  <p className="mt-3 text-sm text-muted-foreground">
                    From {count(latency.samples)} reported requests, last {latency.days} days.
                  </p>
                </>
              )}
            </Card>
          </div>

          <Card aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading" className="mb-4 text-lg font-semibold">
              Top endpoints
            </h2>
            {endpoints.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No endpoints recorded in the last {STATS_DAYS} days.
              </p>
            ) : (
              <div
                className="overflow-x-auto"
                tabIndex={0}
                role="region"
                aria-label="Scrollable table"
              >
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">
                    Busiest endpoints of {key.name}, last {STATS_DAYS} days
                  </caption>
                  <thead>
                    <tr className="border-b border-border">
                      <th scope="col" className="py-2 pr-4">
                        Endpoint
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        Requests
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        Refused
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        Errors
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        Avg latency
                      </th>
                      <th scope="col" className="py-2">
                        Last seen
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {endpoints.map((row) => (
                      <tr key={row.endpoint} className="border-b border-border last:border-0">
                        <th scope="row" className="py-2 pr-4 font-normal">
                          <code className="font-mono break-all">{row.endpoint}</code>
                        </th>
                        <td className="py-2 pr-4 tabular-nums">{count(row.requests)}</td>
                        <td className="py-2 pr-4 tabular-nums">{count(row.refused)}</td>
                        <td className="py-2 pr-4 tabular-nums">{count(row.errors)}</td>
                        <td className="py-2 pr-4 tabular-nums">
                          {row.avgLatencyMs === null ? '—' : `${count(row.avgLatencyMs)} ms`}
                        </td>
                        <td className="py-2 whitespace-nowrap">
                          <time
                            dateTime={row.lastSeen.toISOString()}
                            title={formatDateTime(row.lastSeen)}
                          >
                            {relativeTime(row.lastSeen, now)}
                          </time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </>
      )}
    </div>
  )
}

function LimitBar({ limit, now }: { limit: LiveLimit; now: number }) {
  const text =
    limit.used === null
      ? `unknown / ${count(limit.limit)} per ${limit.window}`
      : `${count(limit.used)} / ${count(limit.limit)} per ${limit.window}`
  const share = limit.used === null || limit.limit === 0 ? 0 : Math.min(1, limit.used / limit.limit)
  const isFull = limit.used !== null && limit.used >= limit.limit
  const label = `${RESOURCE_LABELS[limit.resource]} per ${limit.window}${limit.isKeyLimit ? ' (this key)' : ''}`
  return (
    <li className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">
          {RESOURCE_LABELS[limit.resource]}
          {limit.isKeyLimit ? ' (this key)' : ''}
        </span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit.limit}
        aria-valuenow={limit.used ?? undefined}
        aria-valuetext={text}
        className="h-2.5 w-full overflow-hidden rounded-full border border-border bg-muted"
      >
        <div
          className={isFull ? 'h-full bg-danger' : 'h-full bg-primary'}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground">
        {limit.used === null
          ? 'Live count unavailable right now.'
          : limit.limit === 0
            ? 'Not included in the plan.'
            : `Resets ${relativeTime(limit.resetsAt, now)}.`}
      </p>
    </li>
  )
}
