import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { IncidentCard } from '@/components/Status/Incident'
import { MaintenanceCard } from '@/components/Status/Maintenance'
import { firstIncidentMonth, incidentsInMonths, maintenancesInMonth } from '@/data/status'
import { monthsBefore, monthLabel, thisMonth } from '@/lib/status/months'

export const metadata: Metadata = {
  title: 'Incident history',
  description: 'Every published TuneTrail incident and completed maintenance, month by month.',
}

/** Months per page. */
const PAGE = 3

/**
 * /status/history (rewritten to …/current) and /status/history/YYYY-MM: three months of
 * incidents and completed maintenance per page, newest first, cached like the status page.
 */
export const dynamicParams = true
export const revalidate = 60
export const generateStaticParams = async () => [] as { month: string }[]

export default async function HistoryPage({ params }: { params: Promise<{ month: string }> }) {
  const { month: asked } = await params
  const current = thisMonth()
  const month = asked === 'current' ? current : asked
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month > current) notFound()
  const months = monthsBefore(month, PAGE)
  const [incidents, maintenances, first] = await Promise.all([
    incidentsInMonths(months),
    Promise.all(months.map((each) => maintenancesInMonth(each))),
    firstIncidentMonth(),
  ])
  const older = monthsBefore(month, PAGE + 1)[PAGE]
  const newer = monthsBefore(month, 1)[0] < current ? shift(month, PAGE, current) : null
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">Incident history</h1>
        <p className="text-muted-foreground">
          {monthLabel(months[PAGE - 1])} to {monthLabel(months[0])}.{' '}
          <Link href="/status" className="text-primary underline">
            Current status
          </Link>
        </p>
      </header>
      {months.map((each, index) => (
        <section key={each} aria-labelledby={`month-${each}`} className="space-y-3">
          <h2 id={`month-${each}`} className="border-b border-border pb-1 text-xl font-semibold">
            {monthLabel(each)}
          </h2>
          {(incidents[each] ?? []).length === 0 && maintenances[index].length === 0 ? (
            <p className="text-sm text-muted-foreground">No incidents reported.</p>
          ) : (
            <>
              {(incidents[each] ?? []).map((incident) => (
                <IncidentCard key={incident.id} incident={incident} isTimelineShown={false} />
              ))}
              {maintenances[index].map((maintenance) => (
                <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
              ))}
            </>
          )}
        </section>
      ))}
      <nav aria-label="History pages" className="flex justify-between text-sm">
        {newer ? (
          <Link
            href={newer === current ? '/status/history' : `/status/history/${newer}`}
            className="text-primary underline"
          >
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {first && older >= first ? (
          <Link href={`/status/history/${older}`} className="text-primary underline">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

/** `months` later than `month`, at most `current`. */
function shift(month: string, months: number, current: string): string {
  const [year, number] = month.split('-').map(Number)
  const date = new Date(Date.UTC(year, number - 1 + months, 1))
  const later = date.toISOString().slice(0, 7)
  return later > current ? current : later
}
