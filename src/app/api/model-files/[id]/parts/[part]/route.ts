import config from '@payload-config'
import { getPayload } from 'payload'

import { route } from '@/lib/api/route'
import { putLocalPart } from '@/lib/models/localRoutes'

export const dynamic = 'force-dynamic'

/** One part of a model file upload on local disk (a signed URL from …/upload/part-urls). */
export const PUT = route(async (request) => putLocalPart(await getPayload({ config }), request))
