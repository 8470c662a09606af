import config from '@payload-config'
import { getPayload } from 'payload'

import { route } from '@/lib/api/route'
import { getLocalContent } from '@/lib/models/localRoutes'

export const dynamic = 'force-dynamic'

/** A model file's bytes on local disk (a signed URL from …/download). */
export const GET = route(async (request) => getLocalContent(await getPayload({ config }), request))
