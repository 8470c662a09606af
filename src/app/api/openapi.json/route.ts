import config from '@payload-config'

import { openApiDocument } from '@/lib/api/openapi'
import { route } from '@/lib/api/route'
import { serverUrl } from '@/lib/defaults'

export const dynamic = 'force-dynamic'

let document: Promise<Record<string, unknown>> | undefined

/** GET /api/openapi.json — OpenAPI 3.1 of every public endpoint (src/lib/api/openapi.ts). */
export const GET = route(async () => {
  document ??= config.then((sanitized) => openApiDocument(sanitized, serverUrl()))
  return Response.json(await document, { headers: { 'Cache-Control': 'public, max-age=300' } })
})
