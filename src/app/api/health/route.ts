import config from '@payload-config'
import { getPayload } from 'payload'

import { checkHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

/** 200 when Postgres, Redis, a worker and the mail transport all answer; 503 naming what fails. */
export async function GET() {
  const report = await checkHealth(await getPayload({ config }))
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
