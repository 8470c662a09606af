import config from '@payload-config'
import { getPayload } from 'payload'

import { clientIpOf } from '@/lib/net/clientAddress'
import { keyService } from '@/lib/keys/service'
import { handlePublish } from '@/lib/webhooks/http'
import { route } from '@/lib/api/route'

export const dynamic = 'force-dynamic'

/** POST /api/events — services publish webhook events (service scope events:publish). */
export const POST = route(async (request) =>
  handlePublish(
    await getPayload({ config }),
    keyService().verifier,
    request.headers.get('authorization'),
    await request.text(),
    clientIpOf(request.headers),
  ),
)
