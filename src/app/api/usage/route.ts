import { clientIpOf } from '@/lib/net/clientAddress'
import { handleUsageReport } from '@/lib/keys/http'
import { keyService } from '@/lib/keys/service'

export const dynamic = 'force-dynamic'

/** POST /api/usage — gateways report request outcomes (service scope usage:report). */
export async function POST(request: Request): Promise<Response> {
  const { verifier, pool } = keyService()
  const answer = await handleUsageReport(
    verifier,
    pool,
    request.headers.get('authorization'),
    await request.text(),
    clientIpOf(request.headers),
  )
  return Response.json(answer.body, { status: answer.status, headers: answer.headers })
}
