import { currentUser } from '@/data/session'
import { searchPortal, SEARCH_MAX_LENGTH } from '@/data/search'
import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { clientIpOf } from '@/lib/net/clientAddress'
import { hitLimit } from '@/lib/rateLimit'

export const dynamic = 'force-dynamic'

const SEARCHES_PER_MINUTE = 120

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
  // A palette searches as one types: generous, but not a way to hammer the database.
  const limit = await hitLimit(
    `search:${person ? `user:${person.id}` : `ip:${clientIpOf(request.headers) ?? 'unknown'}`}`,
    SEARCHES_PER_MINUTE,
    60_000,
  )
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
