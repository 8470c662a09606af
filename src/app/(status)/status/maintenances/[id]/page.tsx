import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { MaintenanceCard } from '@/components/Status/Maintenance'
import { publicMaintenance } from '@/data/status'

type Props = { params: Promise<{ id: string }> }

/**
 * One maintenance, whatever its status: the link notices, feeds and JSON give (completed
 * maintenance leaves /status). Cached until a change expires the status tag.
 */
export const dynamicParams = true
export const revalidate = 60
export const generateStaticParams = async () => [] as { id: string }[]

const maintenanceId = (value: string) =>
  /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = maintenanceId((await params).id)
  const maintenance = id ? await publicMaintenance(id) : null
  return maintenance
    ? { title: `Maintenance: ${maintenance.title}`, description: maintenance.description }
    : {}
}

export default async function MaintenancePage({ params }: Props) {
  const id = maintenanceId((await params).id)
  const maintenance = id ? await publicMaintenance(id) : null
  if (!maintenance) notFound()
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/status" className="text-primary underline">
          Status
        </Link>{' '}
        /{' '}
        <Link
          href={`/status/history/${maintenance.scheduledStart.slice(0, 7)}`}
          className="text-primary underline"
        >
          History
        </Link>
      </nav>
      <h1 className="text-3xl font-semibold">Maintenance</h1>
      <MaintenanceCard maintenance={maintenance} />
    </article>
  )
}
