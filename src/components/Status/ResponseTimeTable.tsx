import type { ResponseTimePoint } from '@/lib/status/uptime'

import { hourLabel } from './hours'

/** The same numbers as a table. */
export function ResponseTimeTable({ name, points }: { name: string; points: ResponseTimePoint[] }) {
  return (
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
            {points.map((point) => (
              <tr key={point.hour} className="border-t border-border">
                <th scope="row" className="px-2 py-1 font-normal">
                  {point.hour.slice(0, 10)} {hourLabel(point.hour)}
                </th>
                <td className="px-2 py-1">{point.avgMs === null ? '—' : `${point.avgMs} ms`}</td>
                <td className="px-2 py-1">{point.maxMs === null ? '—' : `${point.maxMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
