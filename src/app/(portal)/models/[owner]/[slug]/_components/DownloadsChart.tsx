import { AnalyticsChart } from '@/components/AnalyticsChart/index.client'

/** Downloads per day over 30 days: a chart, and the same numbers as a table. */
export function DownloadsChart({ series }: { series: { day: string; downloads: number }[] }) {
  const total = series.reduce((sum, day) => sum + day.downloads, 0)
  return (
    <div className="space-y-2">
      <AnalyticsChart
        kind="bars"
        rows={series.map((day) => ({ label: day.day.slice(5), downloads: day.downloads }))}
        series={[{ key: 'downloads', name: 'Downloads', color: 'var(--primary)' }]}
        summary={`${total} downloads in the last 30 days`}
        height={180}
      />
      <details>
        <summary className="cursor-pointer text-sm text-primary">Downloads as a table</summary>
        <table className="mt-2 text-sm">
          <caption className="sr-only">Downloads per day</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4 text-left font-medium">
                Day
              </th>
              <th scope="col" className="text-right font-medium">
                Downloads
              </th>
            </tr>
          </thead>
          <tbody>
            {series
              .filter((day) => day.downloads > 0)
              .map((day) => (
                <tr key={day.day}>
                  <td className="pr-4">{day.day}</td>
                  <td className="text-right tabular-nums">{day.downloads}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
