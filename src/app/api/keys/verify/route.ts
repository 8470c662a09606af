import { clientIpOf } from '@/lib/net/clientAddress'
import { handleVerify } from '@/lib/keys/http'
import { keyService } from '@/lib/keys/service'
import { route } from '@/lib/api/route'

export const dynamic = 'force-dynamic'

/**
 * POST /api/keys/verify — the same verifier as the verification server, through Next's
 * router: convenient, but the server (VERIFIER_PORT) is the one to use on a hot path.
 */
export const POST = route(async (request) =>
  handleVerify(
    keyService().verifier,
    request.headers.get('authorization'),
    await request.text(),
    clientIpOf(request.headers),
  ),
)
