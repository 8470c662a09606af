import { timingSafeEqual } from 'node:crypto'

import { revalidateTag } from 'next/cache'

import { STATUS_TAG } from '@/lib/status/cache'
import { clearPageCache } from '@/runtime/pageCache'
import { revalidationToken } from '@/runtime/statusRevalidation'

export const dynamic = 'force-dynamic'

const matches = (given: string | null, expected: string | undefined) =>
  Boolean(given && expected) &&
  Buffer.byteLength(given as string) === Buffer.byteLength(expected as string) &&
  timingSafeEqual(Buffer.from(given as string), Buffer.from(expected as string))

/**
 * POST /status/revalidate — this process asking itself to expire the status page's caches
 * (src/runtime/statusRevalidation.ts), with a token that never leaves the process. Anyone else
 * gets a 404.
 */
export async function POST(request: Request) {
  if (!matches(request.headers.get('x-status-revalidate'), revalidationToken())) {
    return new Response('Not found', { status: 404 })
  }
  revalidateTag(STATUS_TAG, { expire: 0 })
  clearPageCache()
  return new Response(null, { status: 204 })
}
