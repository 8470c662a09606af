import { Feed } from 'feed'

import { portalUrl } from '../emails'
import {
  COMPONENT_STATE_LABELS,
  IMPACT_LABELS,
  INCIDENT_STATUS_LABELS,
  MAINTENANCE_STATUS_LABELS,
} from './states'
import type { IncidentView, MaintenanceView } from './views'

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const utc = (value: string) => `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** An incident's timeline as the item's HTML content (newest update first). */
function incidentContent(incident: IncidentView): string {
  const affected = incident.components
    .map((c) => `${escapeHtml(c.name)} (${COMPONENT_STATE_LABELS[c.state].toLowerCase()})`)
    .join(', ')
  const updates = incident.updates
    .map(
      (update) =>
        `<p><strong>${INCIDENT_STATUS_LABELS[update.status]}</strong> — ${escapeHtml(update.message)}<br><small>${utc(update.at)}</small></p>`,
    )
    .join('\n')
  return `<p>${IMPACT_LABELS[incident.impact]} impact${affected ? `. Affected: ${affected}` : ''}.</p>\n${updates}`
}

/**
 * The status page's RSS 2.0 and Atom 1.0 feeds, built with the `feed` library: one entry per
 * published incident (its latest update as the summary, the timeline as content, updated with
 * each update) and per maintenance, newest first.
 */
export function statusFeed(
  incidents: IncidentView[],
  maintenances: MaintenanceView[],
  updatedAt: string,
): Feed {
  const feed = new Feed({
    id: portalUrl('/status'),
    link: portalUrl('/status'),
    title: 'TuneTrail status',
    description: 'Incidents and maintenance of the TuneTrail API and portal.',
    language: 'en',
    updated: new Date(updatedAt),
    generator: 'TuneTrail Community',
    copyright: `TuneTrail ${new Date(updatedAt).getUTCFullYear()}`,
    feedLinks: { rss: portalUrl('/status/feed.rss'), atom: portalUrl('/status/feed.atom') },
    ttl: 1,
  })
  const entries = [
    ...incidents.map((incident) => ({
      at: incident.updates[0]?.at ?? incident.updatedAt,
      item: {
        id: portalUrl(`/status/incidents/${incident.id}`),
        link: portalUrl(`/status/incidents/${incident.id}`),
        title: `${INCIDENT_STATUS_LABELS[incident.status]}: ${incident.title}`,
        description: incident.updates[0]?.message ?? '',
        content: incidentContent(incident),
        published: new Date(incident.startedAt),
      },
    })),
    ...maintenances.map((maintenance) => ({
      at: maintenance.updatedAt,
      item: {
        id: portalUrl(`/status#maintenance-${maintenance.id}`),
        link: portalUrl(`/status/maintenances/${maintenance.id}`),
        title: `Maintenance ${MAINTENANCE_STATUS_LABELS[maintenance.status].toLowerCase()}: ${maintenance.title}`,
        description:
          `${utc(maintenance.scheduledStart)} – ${utc(maintenance.scheduledEnd)}. ${maintenance.description}`.trim(),
        content: `<p>${utc(maintenance.scheduledStart)} – ${utc(maintenance.scheduledEnd)}${maintenance.components.length ? `. Affects ${maintenance.components.map((c) => escapeHtml(c.name)).join(', ')}` : ''}.</p>${maintenance.description ? `<p>${escapeHtml(maintenance.description)}</p>` : ''}`,
        published: new Date(maintenance.createdAt),
      },
    })),
  ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
  for (const entry of entries) feed.addItem({ ...entry.item, date: new Date(entry.at) })
  return feed
}
