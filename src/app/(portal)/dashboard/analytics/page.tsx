import type { Metadata } from 'next'
import Link from 'next/link'

import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { currentAccount } from '@/data/account'
import { requireUser } from '@/data/session'
import { hitLimit } from '@/lib/rateLimit'
import {
  accountKeys,
  analyticsAccounts,
  analyticsDb,
  ANALYTICS_SERIES,
  presetRange,
  resolveAnalyticsScope,
  type AnalyticsRange,
} from '@/lib/analytics'
import { incidentMarks } from '@/lib/analytics/incidents'

import { parsePageQuery, utcMinute, type PageQuery } from './_components/query'
import { AnalyticsFilters } from './_components/AnalyticsFilters'
import {
  CountriesSection,
  ErrorsSection,
  IncidentsSection,
  LatencySection,
  LogSection,
  RequestsSection,
  SummaryCards,
  TopListsSection,
  type SectionContext,
} from './_components/sections'
import { UpgradeView } from './_components/UpgradeView'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Analytics' }

/** Page views (each a dozen queries) a person may load a minute. */
const ANALYTICS_VIEWS_PER_MINUTE = 30

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The range the query asks for: a preset up to now, or the custom inputs read as UTC. */
function rangeOf(query: PageQuery, now: Date): AnalyticsRange {
  const from = utcMinute(query.from)
  const to = utcMinute(query.to)
  if (query.range === 'custom' && from && to) return { from, to }
  return presetRange(query.range === 'custom' ? '24h' : query.range, now)
}

export default async function AnalyticsPage({ searchParams }: Props) {
  const user = await requireUser('/dashboard/analytics')
  const query = parsePageQuery(await searchParams)
  const limited = await hitLimit(`analytics:user:${user.id}`, ANALYTICS_VIEWS_PER_MINUTE, 60_000)
  if (!limited.isAllowed) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Analytics</h1>
        <Alert tone="error">
          Too many analytics views in a minute: try again in{' '}
          {Math.max(1, Math.ceil(limited.resetMs / 1000))} seconds.
        </Alert>
      </div>
    )
  }
  const { choice } = await currentAccount(user)
  const db = analyticsDb()
  const caller = { kind: 'person' as const, userId: Number(user.id) }
  const accounts = await analyticsAccounts(db, caller)
  // "All accounts" shows the first one with analytics (the person's own when it has them).
  const account =
    choice !== 'all'
      ? choice
      : ((found) => (found?.kind === 'organization' ? found.id : 'personal'))(
          accounts.find((candidate) => candidate.hasAnalytics),
        )
  const resolution = await resolveAnalyticsScope(db, caller, {
    account,
    key: query.key,
    environment: query.environment,
  })

  if (!resolution.ok && resolution.status === 403) {
    const shown =
      accounts.find((candidate) =>
        account === 'personal'
          ? candidate.kind === 'personal'
          : candidate.kind === 'organization' && candidate.id === account,
      ) ?? accounts[0]
    return (
      <UpgradeView
        accountName={shown?.name ?? 'This account'}
        plan={shown?.plan ?? 'free'}
        withAnalytics={accounts.filter((candidate) => candidate.hasAnalytics).map((a) => a.name)}
      />
    )
  }
  if (!resolution.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Analytics</h1>
        <Alert tone="error">
          {resolution.message}{' '}
          <Link href="/dashboard/analytics" className="underline">
            Show the whole account
          </Link>
        </Alert>
      </div>
    )
  }

  const now = new Date()
  const range = rangeOf(query, now)
  const { scope } = resolution
  const load = <Name extends keyof typeof ANALYTICS_SERIES>(name: Name, limit?: number) =>
    (ANALYTICS_SERIES[name].load as (...args: unknown[]) => Promise<unknown>)(db, scope, {
      range,
      limit,
      now,
      log: {
        endpoint: query.log.endpoint,
        status: query.log.status
          ? /^\d+$/.test(query.log.status)
            ? Number(query.log.status)
            : query.log.status
          : undefined,
        code: query.log.code,
        ip: query.log.ip,
        cursor: query.log.cursor,
        from: range.from,
        to: range.to,
        limit: 50,
      },
    }) as Promise<Awaited<ReturnType<(typeof ANALYTICS_SERIES)[Name]['load']>>>
  const [
    requests,
    latency,
    byEndpoint,
    errors,
    endpoints,
    keys,
    ips,
    countries,
    log,
    allKeys,
    incidents,
  ] = await Promise.all([
    load('requests'),
    load('latency'),
    load('latency-by-endpoint', 10),
    load('errors', 10),
    load('endpoints', 10),
    load('keys', 10),
    load('ips', 10),
    load('countries'),
    load('log'),
    accountKeys(db, resolution.account),
    incidentMarks(db, scope, range, now),
  ])
  const context: SectionContext = {
    query,
    incidents,
    apiQuery: {
      account: resolution.account.kind === 'personal' ? 'personal' : resolution.account.id,
      ...(query.range === 'custom'
        ? { from: range.from.toISOString(), to: range.to.toISOString() }
        : { range: query.range }),
      key: query.key,
      environment: query.environment,
    },
    now: now.getTime(),
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Analytics</h1>
          <p className="text-sm text-muted-foreground">
            {resolution.account.name} · {resolution.account.plan} plan
            {resolution.key ? ` · key ${resolution.key.name}` : ''}
            {query.environment ? ` · ${query.environment} keys` : ''}. Times are in UTC; switch
            accounts in the header.
          </p>
        </div>
        <Link href="/dashboard" className="text-sm text-primary underline">
          Back to the dashboard
        </Link>
      </div>
      {query.ignored.length > 0 && (
        <Alert tone="info">
          Not understood and left out: {query.ignored.join(', ')}. Showing the last 24 hours where
          the range was unclear.
        </Alert>
      )}
      <AnalyticsFilters query={query} keys={allKeys} />
      <SummaryCards requests={requests} latency={latency} errors={errors} />
      <IncidentsSection context={context} />
      <RequestsSection series={requests} context={context} />
      <LatencySection series={latency} byEndpoint={byEndpoint} context={context} />
      <ErrorsSection series={errors} context={context} />
      <TopListsSection endpoints={endpoints} keys={keys} ips={ips} context={context} />
      <CountriesSection series={countries} context={context} />
      <LogSection log={log} context={context} keys={allKeys} />
      <Panel id="more-heading" title="More to come">
        <p className="text-sm text-muted-foreground">
          Model performance and community engagement join this page when the model hub and the forum
          open.
        </p>
      </Panel>
    </div>
  )
}
