import config from '@payload-config'
import { getPayload } from 'payload'

import { clientIpOf } from '@/lib/net/clientAddress'
import { keyService } from '@/lib/keys/service'
import { handlePublish } from '@/lib/webhooks/http'

export const dynamic = 'force-dynamic'

/** POST /api/events — services publish webhook events (service scope events:publish). */
export async function POST(request: Request): Promise<Response> {
  const answer = await handlePublish(
    await getPayload({ config }),
    keyService().verifier,
    request.headers.get('authorization'),
    await request.text(),
    clientIpOf(request.headers),
  )
  return Response.json(answer.body, { status: answer.status, headers: answer.headers })
}
