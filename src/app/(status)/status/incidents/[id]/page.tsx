import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { DocsBody } from '@/components/DocsBody'
import { AffectedComponents, Timeline } from '@/components/Status/Incident'
import { ImpactLabel, IncidentStatusLabel } from '@/components/Status/StateLabel'
import { publishedIncident } from '@/data/status'
import { formatDateTime } from '@/lib/time'

type Props = { params: Promise<{ id: string }> }

/** Cached per incident until a change expires the status tag (like the status page). */
export const dynamicParams = true
export const revalidate = 60
export const generateStaticParams = async () => [] as { id: string }[]

const incidentId = (value: string) =>
  /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = incidentId((await params).id)
  const page = id ? await publishedIncident(id) : null
  return page ? { title: page.incident.title, description: page.incident.updates[0]?.message } : {}
}

/** "2 h 15 min", "45 min". */
function duration(from: string, to: string): string {
  const minutes = Math.max(
    0,
    Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000),
  )
  const hours = Math.floor(minutes / 60)
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`
}

export default async function IncidentPage({ params }: Props) {
  const id = incidentId((await params).id)
  const page = id ? await publishedIncident(id) : null
  if (!page) notFound()
  const { incident, postmortem } = page
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/status" className="text-primary underline">
          Status
        </Link>{' '}
        /{' '}
        <Link href="/status/history" className="text-primary underline">
          History
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-3xl font-semibold">{incident.title}</h1>
        <div className="flex flex-wrap gap-2">
          <ImpactLabel impact={incident.impact} />
          <IncidentStatusLabel status={incident.status} />
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">Started</dt>
          <dd>
            <time dateTime={new Date(incident.startedAt).toISOString()}>
              {formatDateTime(incident.startedAt)}
            </time>
          </dd>
          {incident.resolvedAt && (
            <>
              <dt className="text-muted-foreground">Resolved</dt>
              <dd>
                <time dateTime={new Date(incident.resolvedAt).toISOString()}>
                  {formatDateTime(incident.resolvedAt)}
                </time>{' '}
                (after {duration(incident.startedAt, incident.resolvedAt)})
              </dd>
            </>
          )}
        </dl>
        <AffectedComponents components={incident.components} />
      </header>
      <section aria-labelledby="updates-heading" className="space-y-3">
        <h2 id="updates-heading" className="text-xl font-semibold">
          Updates
        </h2>
        <Timeline updates={incident.updates} />
      </section>
      {incident.status === 'resolved' && incident.hasPostmortem && (
        <section aria-labelledby="postmortem-heading" className="space-y-3">
          <h2 id="postmortem-heading" className="text-xl font-semibold">
            Postmortem
          </h2>
          <DocsBody body={postmortem as SerializedEditorState} />
        </section>
      )}
    </article>
  )
}
