import config from '@payload-config'
import { getPayload } from 'payload'

import { hasRole } from '@/access/roles'
import { route } from '@/lib/api/route'
import { cachedHealth, publicHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

/**
 * 200 when Postgres, Redis, a worker and the mail transport all answer; 503 naming what fails.
 * Anyone sees the verdict and the failing parts; staff also see each check's timing, details
 * and errors. Checks run at most every few seconds, however often this is called.
 */
export const GET = route(async (request) => {
  const payload = await getPayload({ config })
  const report = await cachedHealth(payload)
  const { user } = await payload.auth({ headers: request.headers })
  return Response.json(hasRole(user, 'staff') ? report : publicHealth(report), {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
})
