import Link from 'next/link'

import { formatDateTime } from '@/lib/time'
import { INCIDENT_STATUS_LABELS } from '@/lib/status/states'
import type { IncidentView, UpdateView } from '@/lib/status/views'

import { ImpactLabel, IncidentStatusLabel, StateLabel } from './StateLabel'

const Time = ({ at }: { at: string }) => (
  <time dateTime={new Date(at).toISOString()} className="text-xs text-muted-foreground">
    {formatDateTime(at)}
  </time>
)

/** An incident's updates, newest first: status, message, time. */
export function Timeline({ updates }: { updates: UpdateView[] }) {
  return (
    <ol className="space-y-3 border-l-2 border-border pl-4">
      {updates.map((update) => (
        <li key={update.id} className="space-y-0.5">
          <p className="text-sm">
            <strong>{INCIDENT_STATUS_LABELS[update.status]}</strong>{' '}
            <span className="whitespace-pre-line">— {update.message}</span>
          </p>
          <Time at={update.at} />
        </li>
      ))}
    </ol>
  )
}

/** The components an incident touches, with their state during it. */
export function AffectedComponents({ components }: { components: IncidentView['components'] }) {
  if (components.length === 0) return null
  return (
    <ul className="flex flex-wrap gap-2 text-sm" aria-label="Affected components">
      {components.map((component) => (
        <li key={component.id} className="flex items-center gap-1">
          {component.name} <StateLabel state={component.state} />
        </li>
      ))}
    </ul>
  )
}

/** An incident on the status page: its title (linked), impact, status and timeline. */
export function IncidentCard({
  incident,
  headingLevel = 3,
  isTimelineShown = true,
}: {
  incident: IncidentView
  headingLevel?: 2 | 3
  isTimelineShown?: boolean
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article
      aria-labelledby={`incident-${incident.id}`}
      className="space-y-3 rounded-lg border border-border bg-card p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Heading id={`incident-${incident.id}`} className="text-base font-semibold">
          <Link href={`/status/incidents/${incident.id}`} className="hover:underline">
            {incident.title}
          </Link>
        </Heading>
        <ImpactLabel impact={incident.impact} />
        <IncidentStatusLabel status={incident.status} />
      </div>
      <AffectedComponents components={incident.components} />
      {isTimelineShown ? (
        <Timeline updates={incident.updates} />
      ) : (
        <p className="text-sm text-muted-foreground">
          {incident.updates[0]?.message}{' '}
          {/* Each time stays whole; the two may wrap apart on a phone (10:26 PM is wider). */}
          <span>
            <span className="whitespace-nowrap">
              (<Time at={incident.startedAt} />
              {incident.resolvedAt ? ' –' : ')'}
            </span>
            {incident.resolvedAt ? (
              <>
                {' '}
                <span className="whitespace-nowrap">
                  <Time at={incident.resolvedAt} />)
                </span>
              </>
            ) : null}
          </span>
        </p>
      )}
    </article>
  )
}
