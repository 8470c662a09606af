'use client'

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

/** One line or stack of a chart: its data key, name and theme colour (a CSS variable). */
export type ChartSeries = {
  key: string
  name: string
  color: string
  /** Lines only: a dash pattern, so series differ by more than colour. */
  dash?: string
}

export type ChartRow = { label: string } & Record<string, number | string | null>

/** A span of the time axis to shade (an incident), between two rows' labels. */
export type ChartMark = { x1: string; x2: string; label: string }

type Props = {
  /** `bars`: stacked bars over time; `lines`: lines over time; `ranked`: horizontal bars. */
  kind: 'bars' | 'lines' | 'ranked'
  rows: ChartRow[]
  series: ChartSeries[]
  /** What the chart shows, for screen readers (the table next to it has every number). */
  summary: string
  /** Appended to values in the tooltip and the axis: "ms". */
  unit?: string
  height?: number
  /** Spans to shade on a time chart, each named (the page lists them in words too). */
  marks?: ChartMark[]
}

const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 }
const tooltipStyle = {
  contentStyle: {
    background: 'var(--card)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    color: 'var(--foreground)',
  },
  labelStyle: { color: 'var(--foreground)', fontWeight: 600 },
  itemStyle: { color: 'var(--foreground)' },
}
const legendStyle = { color: 'var(--foreground)', fontSize: 14 }

/**
 * The analytics page's charts, in the theme's own colours (light, dark and high contrast all
 * come from CSS variables). Keyboard users can step through points (Recharts' accessibility
 * layer); each chart sits next to a table of the same numbers, its text alternative.
 */
export function AnalyticsChart({
  kind,
  rows,
  series,
  summary,
  unit,
  height = 260,
  marks = [],
}: Props) {
  const format = (value: unknown) =>
    typeof value === 'number' ? `${value.toLocaleString('en')}${unit ? ` ${unit}` : ''}` : '—'
  if (kind === 'ranked') {
    return (
      <BarChart
        data={rows}
        layout="vertical"
        responsive
        style={{ width: '100%', height: Math.max(120, rows.length * 28 + 40) }}
        margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
        desc={summary}
        accessibilityLayer
      >
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" allowDecimals={false} tick={axisTick} axisLine={false} />
        <YAxis
          type="category"
          dataKey="label"
          width={96}
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
        />
        <Tooltip cursor={{ fill: 'var(--muted)' }} formatter={format} {...tooltipStyle} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    )
  }
  const Chart = kind === 'bars' ? BarChart : LineChart
  return (
    <Chart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
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
      <YAxis
        allowDecimals={false}
        tick={axisTick}
        tickLine={false}
        axisLine={false}
        unit={unit ? ` ${unit}` : undefined}
        width={unit ? 64 : 48}
      />
      <Tooltip
        cursor={kind === 'bars' ? { fill: 'var(--muted)' } : { stroke: 'var(--border)' }}
        formatter={format}
        {...tooltipStyle}
      />
      <Legend wrapperStyle={legendStyle} />
      {marks.map((mark) => (
        <ReferenceArea
          key={`${mark.x1}:${mark.x2}:${mark.label}`}
          x1={mark.x1}
          x2={mark.x2}
          fill="var(--danger)"
          fillOpacity={0.15}
          stroke="var(--danger)"
          strokeDasharray="4 2"
          ifOverflow="extendDomain"
          label={{
            value: mark.label,
            position: 'insideTop',
            fill: 'var(--foreground)',
            fontSize: 12,
          }}
        />
      ))}
      {series.map((s) =>
        kind === 'bars' ? (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId="stack"
            fill={s.color}
            isAnimationActive={false}
          />
        ) : (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dash}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ),
      )}
    </Chart>
  )
}
