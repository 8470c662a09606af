import { currentUser } from '@/data/session'
import { countSearch, searchPortal, SEARCH_MAX_LENGTH } from '@/data/search'
import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { clientIpOf } from '@/lib/net/clientAddress'

export const dynamic = 'force-dynamic'

/**
 * GET /api/search?q= — what the ⌘K palette lists: pages for anyone; the signed-in person's own
 * keys and webhook endpoints too (API keys get pages only: this is the browser's search).
 */
export const GET = route(async (request) => {
  const query = new URL(request.url).searchParams.get('q') ?? ''
  if (query.length > SEARCH_MAX_LENGTH) {
    return errorJson(400, `Search for at most ${SEARCH_MAX_LENGTH} characters.`, { field: 'q' })
  }
  const user = await currentUser()
  const person = user && !(user as KeyUser).apiKey ? user : null
  const limit = await countSearch(person, clientIpOf(request.headers))
  if (!limit.isAllowed) {
    return errorJson(429, 'Too many searches: wait a moment and try again.', {
      headers: { 'Retry-After': String(Math.ceil(limit.resetMs / 1000)) },
    })
  }
  return Response.json(
    { hits: await searchPortal(person, query) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
})
