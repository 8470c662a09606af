import { clientIpOf } from '@/lib/net/clientAddress'
import { handleUsageReport } from '@/lib/keys/http'
import { keyService } from '@/lib/keys/service'
import { route } from '@/lib/api/route'

export const dynamic = 'force-dynamic'

/** POST /api/usage — gateways report request outcomes (service scope usage:report). */
export const POST = route(async (request) => {
  const { verifier, pool } = keyService()
  return handleUsageReport(
    verifier,
    pool,
    request.headers.get('authorization'),
    await request.text(),
    clientIpOf(request.headers),
  )
})
