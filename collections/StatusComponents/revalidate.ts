import { revalidateTag } from 'next/cache'
import type { PayloadRequest } from 'payload'

import { announceStatusChange, STATUS_TAG } from '@/lib/status/cache'
import { clearPageCache } from '@/runtime/pageCache'

/**
 * Staff changed what the status page shows (a component, an incident, a maintenance): this
 * process's caches expire now — Next's data under the status tag and the page cache in front of
 * it — and every other process hears of it (src/lib/status/cache.ts). Outside a Next server
 * (scripts, tests) there is no Next cache, but other processes are still told.
 */
export async function expireStatus(req: PayloadRequest): Promise<void> {
  if (process.env.NEXT_RUNTIME) {
    revalidateTag(STATUS_TAG, { expire: 0 })
    clearPageCache()
    req.payload.logger.info({ tag: STATUS_TAG }, 'status revalidated')
  }
  await announceStatusChange()
}
