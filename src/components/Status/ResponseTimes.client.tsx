'use client'

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'

import type { ResponseTimePoint } from '@/lib/status/uptime'

import { hourLabel } from './hours'

const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 }

/**
 * The last 24 hours of response times (hourly average and slowest of passing checks). The chart
 * describes itself; the table beside it is the text alternative.
 */
export function ResponseTimes({ name, points }: { name: string; points: ResponseTimePoint[] }) {
  const data = points.map((point) => ({
    label: hourLabel(point.hour),
    average: point.avgMs,
    slowest: point.maxMs,
  }))
  const measured = points.filter((point) => point.avgMs !== null)
  const overall = measured.length
    ? Math.round(measured.reduce((sum, point) => sum + (point.avgMs ?? 0), 0) / measured.length)
    : null
  return (
    <figure className="space-y-2">
      <LineChart
        data={data}
        responsive
        style={{ width: '100%', height: 160 }}
        margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        desc={`Response time of ${name} per hour over the last 24 hours${overall === null ? ': no passing checks' : `, averaging ${overall} ms`}. The table lists every hour.`}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={axisTick} tickLine={false} minTickGap={32} />
        <YAxis tick={axisTick} tickLine={false} axisLine={false} unit=" ms" width={64} />
        <Tooltip
          contentStyle={{
            background: 'var(--card)',
            border: '1px solid var(--border)',
            borderRadius: 6,
            color: 'var(--foreground)',
          }}
          formatter={(value) => `${String(value)} ms`}
          labelFormatter={(label) => `${String(label)} UTC`}
        />
        <Line
          type="monotone"
          dataKey="average"
          name="Average"
          stroke="var(--primary)"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          type="monotone"
          dataKey="slowest"
          name="Slowest"
          stroke="var(--muted-foreground)"
          strokeDasharray="4 3"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
      <figcaption className="text-xs text-muted-foreground">
        Average{overall === null ? ': no passing checks in 24 hours' : ` ${overall} ms`} (solid);
        slowest per hour dashed. Times in UTC.
      </figcaption>
    </figure>
  )
}
