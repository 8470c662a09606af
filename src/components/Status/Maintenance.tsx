import { formatDateTime } from '@/lib/time'
import type { MaintenanceView } from '@/lib/status/views'

import { MaintenanceStatusLabel } from './StateLabel'

/** Planned work: its window, what it touches, its status. */
export function MaintenanceCard({ maintenance }: { maintenance: MaintenanceView }) {
  const start = new Date(maintenance.scheduledStart).toISOString()
  const end = new Date(maintenance.scheduledEnd).toISOString()
  return (
    <article
      id={`maintenance-${maintenance.id}`}
      aria-labelledby={`maintenance-${maintenance.id}-title`}
      className="space-y-2 rounded-lg border border-border bg-card p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`maintenance-${maintenance.id}-title`} className="text-base font-semibold">
          {maintenance.title}
        </h3>
        <MaintenanceStatusLabel status={maintenance.status} />
      </div>
      <p className="text-sm">
        <time dateTime={start}>{formatDateTime(start)}</time> –{' '}
        <time dateTime={end}>{formatDateTime(end)}</time>
      </p>
      {maintenance.components.length > 0 && (
        <p className="text-sm text-muted-foreground">
          Affects {maintenance.components.map((component) => component.name).join(', ')}
        </p>
      )}
      {maintenance.description && (
        <p className="whitespace-pre-line text-sm">{maintenance.description}</p>
      )}
    </article>
  )
}
