import Link from 'next/link'

import { DataTable, type Column } from '@/components/DataTable'
import { UsageChart } from '@/components/UsageChart/index.client'
import { Panel } from '@/components/ui/card'
import type { UsagePoint, UsageSeries } from '@/data/apiKeys'
import { USAGE_GRANULARITIES, type UsageGranularity } from '@/schemas/apiKeys'

import { count, OUTCOME_LABELS, RANGES } from '@/lib/usage/labels'

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

/** Requests over time, by outcome: a chart, a range switch, and the numbers as a table. */
export function RequestsCard({
  series,
  granularity,
}: {
  series: UsageSeries
  granularity: UsageGranularity
}) {
  const range = RANGES[granularity]
  const label = (point: UsagePoint) => bucketFormat[granularity].format(point.bucket)
  const columns: Column<UsagePoint>[] = [
    {
      key: 'time',
      header: 'Time',
      isRowHeader: true,
      className: 'whitespace-nowrap',
      cell: (point) => <time dateTime={point.bucket.toISOString()}>{label(point)}</time>,
    },
    ...series.outcomes.map((outcome) => ({
      key: outcome,
      header: OUTCOME_LABELS[outcome] ?? outcome,
      className: 'tabular-nums',
      cell: (point: UsagePoint) => count(point.byOutcome[outcome] ?? 0),
    })),
    {
      key: 'total',
      header: 'Total',
      className: 'tabular-nums',
      cell: (point) => count(point.total),
    },
  ]
  return (
    <Panel
      id="requests-heading"
      title={`Requests ${range.unit}, ${range.range}`}
      aside={
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
      }
    >
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
            labels={series.points.map(label)}
            unitLabel={range.unit}
          />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">
              Show the numbers as a table
            </summary>
            <DataTable
              className="mt-3 max-h-96 overflow-auto"
              caption={`Requests ${range.unit} by outcome, ${range.range} (times in UTC)`}
              columns={columns}
              rows={series.points}
              rowKey={(point) => point.bucket.toISOString()}
            />
          </details>
        </>
      )}
    </Panel>
  )
}
