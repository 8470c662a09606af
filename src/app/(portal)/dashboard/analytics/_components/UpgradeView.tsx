import Link from 'next/link'

import { Panel } from '@/components/ui/card'

const WHAT_YOU_GET = [
  'Requests over time by outcome (allowed, rate limited, refused by code) and by status class',
  'Latency p50, p95 and p99 over time and per endpoint, within 2% over any range',
  '4xx and 5xx errors grouped by endpoint and code, each opening the matching requests',
  'Top endpoints, keys and client addresses, and requests by country',
  'A request log explorer over the last 30 days, filtered by key, endpoint, status and IP',
  'Every chart as a table and as CSV, and the same series from GET /api/analytics/…',
]

/** What a free or starter account sees instead of its analytics: what they are and how to get them. */
export function UpgradeView({
  accountName,
  plan,
  withAnalytics,
}: {
  accountName: string
  plan: string
  /** Other accounts of the person whose plan has analytics. */
  withAnalytics: string[]
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Analytics</h1>
      <Panel
        id="upgrade-heading"
        title="Analytics come with the Pro and Enterprise plans"
        description={`${accountName} is on the ${plan} plan. With Pro or Enterprise this page shows:`}
      >
        <ul className="mb-4 list-disc space-y-1 pl-5 text-sm">
          {WHAT_YOU_GET.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {withAnalytics.length > 0 && (
          <p className="mb-3 text-sm font-medium">
            {withAnalytics.join(', ')} {withAnalytics.length > 1 ? 'have' : 'has'} analytics: switch
            to {withAnalytics.length > 1 ? 'one of them' : 'it'} with the account menu in the
            header.
          </p>
        )}
        <p className="text-sm">
          Plans are changed by TuneTrail&apos;s staff (self-service billing is not available yet):
          ask the person who manages your TuneTrail contract. Meanwhile each key&apos;s own page
          shows its recent usage, and the{' '}
          <Link href="/dashboard" className="text-primary underline">
            dashboard
          </Link>{' '}
          shows your limits live.
        </p>
      </Panel>
    </div>
  )
}
