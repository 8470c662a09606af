import Link from 'next/link'

import type { OverallStatus } from '@/lib/status/states'

/** True when the page's state is worth a banner on every page: a partial or major outage. */
export const isOutage = (overall: Pick<OverallStatus, 'indicator'>) =>
  overall.indicator === 'major' || overall.indicator === 'critical'

/** The portal-wide notice during an outage, linking to the status page. */
export function OutageBanner({ description }: { description: string }) {
  return (
    <div className="border-b border-danger bg-danger-soft text-danger">
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm">
        <span aria-hidden="true" className="mr-2 font-bold">
          !
        </span>
        <strong>{description}.</strong> Some TuneTrail services are failing.{' '}
        <Link href="/status" className="underline">
          Follow it on the status page
        </Link>
      </p>
    </div>
  )
}
