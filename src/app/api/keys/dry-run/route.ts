import { currentUser, payloadClient } from '@/data/session'
import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { handleDryRun } from '@/lib/keys/dryRun'
import { keyService } from '@/lib/keys/service'
import { clientIpOf } from '@/lib/net/clientAddress'
import { hitLimit } from '@/lib/rateLimit'

export const dynamic = 'force-dynamic'

const DRY_RUNS_PER_MINUTE = 60

/** POST /api/keys/dry-run — see src/lib/keys/dryRun.ts. People only, not keys. */
export const POST = route(async (request) => {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) {
    return errorJson(401, 'Sign in to dry-run a key (API keys cannot call this).')
  }
  const limit = await hitLimit(`keys:dry-run:user:${user.id}`, DRY_RUNS_PER_MINUTE, 60_000)
  if (!limit.isAllowed) {
    return errorJson(429, 'Too many dry runs: wait a moment and try again.', {
      headers: { 'Retry-After': String(Math.ceil(limit.resetMs / 1000)) },
    })
  }
  const answer = await handleDryRun(
    await payloadClient(),
    keyService().verifier,
    user,
    await request.text(),
    clientIpOf(request.headers),
  )
  return Response.json(answer.body, {
    status: answer.status,
    headers: { 'Cache-Control': 'private, no-store' },
  })
})
