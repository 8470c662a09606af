'use client'

import { useState } from 'react'
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'

/** 24 hourly points, compact: the first hour, then `[average, slowest]` (ms or null) per hour. */
export type ResponseTimeData = { first: string; points: [number | null, number | null][] }

const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 }

const hourAt = (first: string, index: number) =>
  new Date(new Date(first).getTime() + index * 3600_000).toISOString()

/**
 * A disclosure with the last 24 hours of response times: drawn only once opened, so the page
 * stays light (it is served to everyone from cache).
 */
export function ResponseTimesDisclosure({ name, data }: { name: string; data: ResponseTimeData }) {
  const [isOpen, setOpen] = useState(false)
  return (
    <details className="text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-primary underline-offset-2 hover:underline">
        Response time of {name}, last 24 hours
      </summary>
      {isOpen && (
        <div className="mt-2">
          <ResponseTimes name={name} data={data} />
        </div>
      )}
    </details>
  )
}

/**
 * The last 24 hours of response times (hourly average and slowest of passing checks), with the
 * same numbers as a table for screen readers and keyboards.
 */
export function ResponseTimes({ name, data }: { name: string; data: ResponseTimeData }) {
  const rows = data.points.map(([average, slowest], index) => {
    const hour = hourAt(data.first, index)
    return { hour, label: hour.slice(11, 16), average, slowest }
  })
  const measured = rows.filter((row) => row.average !== null)
  const overall = measured.length
    ? Math.round(measured.reduce((sum, row) => sum + (row.average ?? 0), 0) / measured.length)
    : null
  return (
    <div className="space-y-2">
      <figure className="space-y-2">
        <LineChart
          data={rows}
          responsive
          style={{ width: '100%', height: 160 }}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
          desc={`Response time of ${name} per hour over the last 24 hours${overall === null ? '' : `, averaging ${overall} ms`}. The table below lists every hour.`}
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
      <details className="text-sm">
        <summary className="cursor-pointer text-primary underline-offset-2 hover:underline">
          Response times of {name} as a table
        </summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-md border border-border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Response time of {name} per hour (UTC)</caption>
            <thead className="bg-muted">
              <tr>
                <th scope="col" className="px-2 py-1">
                  Hour (UTC)
                </th>
                <th scope="col" className="px-2 py-1">
                  Average
                </th>
                <th scope="col" className="px-2 py-1">
                  Slowest
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.hour} className="border-t border-border">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {row.hour.slice(0, 10)} {row.label}
                  </th>
                  <td className="px-2 py-1">{row.average === null ? '—' : `${row.average} ms`}</td>
                  <td className="px-2 py-1">{row.slowest === null ? '—' : `${row.slowest} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  )
}
