import type { Metadata } from 'next'
import Link from 'next/link'

import { pageHref } from '@/components/Pagination'
import { Card } from '@/components/ui/card'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { securityLogPage } from '@/data/securityLog'

import { SecurityLogTable } from '../_components/SecurityLogTable'

export const metadata: Metadata = { title: 'Security log' }

type Props = { searchParams: Promise<{ page?: string }> }

export default async function SecurityLogPage({ searchParams }: Props) {
  const user = await requireUser('/settings/security/log')
  const requested = Number((await searchParams).page ?? 1)
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1
  const log = await securityLogPage(user, page)
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Security log</h1>
        <a href="/settings/security/log/export" className="text-sm text-primary underline" download>
          Export as CSV
        </a>
      </div>
      <p className="text-sm text-muted-foreground">
        Logins (and failed attempts), two-factor and password changes, and what you did to API keys
        and webhooks.{' '}
        <Link href="/settings/security" className="underline">
          Back to security settings
        </Link>
      </p>
      <Card>
        <SecurityLogTable
          entries={log.docs}
          now={requestNow()}
          pages={{
            page: log.page ?? 1,
            totalPages: log.totalPages,
            totalDocs: log.totalDocs,
            hrefFor: (target) => pageHref('/settings/security/log', { page: target }),
            noun: ['event', 'events'],
          }}
        />
      </Card>
    </>
  )
}
