'use client'

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

import { OUTCOME_GROUP_LABELS, outcomeGroup, type OutcomeGroup } from '@/lib/usage/outcomes'

export type ChartPoint = { bucket: string; total: number; byOutcome: Record<string, number> }

type Props = {
  points: ChartPoint[]
  /** Describes one bucket, e.g. "per minute". */
  unitLabel: string
  /** Formatted bucket labels (same order as points), in UTC like the table. */
  labels: string[]
}

/** Verification outcomes grouped into the three series the chart stacks (theme tokens). */
const SERIES = (
  [
    ['allowed', 'var(--success)'],
    ['limited', 'var(--warning)'],
    ['refused', 'var(--danger)'],
  ] as const
).map(([key, color]) => ({
  key,
  name: OUTCOME_GROUP_LABELS[key],
  color,
  has: (outcome: string) => outcomeGroup(outcome) === key,
}))

type Row = { label: string } & Record<OutcomeGroup, number>

const sumOf = (point: ChartPoint, has: (outcome: string) => boolean) =>
  Object.entries(point.byOutcome).reduce((sum, [outcome, n]) => (has(outcome) ? sum + n : sum), 0)

const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 }

/**
 * Stacked bars of requests per bucket: allowed, rate limited and refused. Keyboard users can
 * step through the bars (Recharts' accessibility layer); the page renders the same numbers
 * as a table, which is the text alternative.
 */
export function UsageChart({ points, unitLabel, labels }: Props) {
  const data: Row[] = points.map((point, i) => ({
    label: labels[i] ?? point.bucket,
    allowed: sumOf(point, SERIES[0].has),
    limited: sumOf(point, SERIES[1].has),
    refused: sumOf(point, SERIES[2].has),
  }))
  const totals = SERIES.map((series) => data.reduce((sum, row) => sum + row[series.key], 0))
  const summary = `Stacked bar chart of requests ${unitLabel}: ${SERIES.map(
    (series, i) => `${series.name.toLowerCase()} ${totals[i]}`,
  ).join(', ')}. The table below lists every bar.`

  return (
    <figure className="space-y-2">
      <BarChart
        data={data}
        responsive
        style={{ width: '100%', height: 260 }}
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        desc={summary}
        accessibilityLayer
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="label"
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          minTickGap={24}
        />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={{ fill: 'var(--muted)' }}
          contentStyle={{
            background: 'var(--card)',
            border: '1px solid var(--border)',
            borderRadius: 6,
            color: 'var(--foreground)',
          }}
          labelStyle={{ color: 'var(--foreground)', fontWeight: 600 }}
          itemStyle={{ color: 'var(--foreground)' }}
        />
        <Legend wrapperStyle={{ color: 'var(--foreground)', fontSize: 14 }} />
        {SERIES.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.name}
            stackId="requests"
            fill={series.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      <figcaption className="text-sm text-muted-foreground">
        {SERIES.map((series, i) => `${series.name}: ${totals[i].toLocaleString('en')}`).join(' · ')}{' '}
        ({unitLabel}, times in UTC)
      </figcaption>
    </figure>
  )
}
