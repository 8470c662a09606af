import { randomBytes } from 'node:crypto'

import { logger } from '../lib/logger'
import { onStatusChange } from '../lib/status/cache'

/**
 * Keeps this web process's status page fresh when something outside a request changed it (the
 * worker moving a component, another replica's staff edit). Next can expire its cache only
 * from within a request, so the process asks itself: a POST to its own /status/revalidate with
 * a token only this process knows (src/app/(status)/status/revalidate/route.ts).
 */
const TOKEN = Symbol.for('tunetrail.statusRevalidateToken')

export const revalidationToken = (): string | undefined =>
  (globalThis as unknown as Record<symbol, string | undefined>)[TOKEN]

export function startStatusRevalidation(): () => void {
  const global = globalThis as unknown as Record<symbol, string | undefined>
  global[TOKEN] ??= randomBytes(24).toString('base64url')
  const token = global[TOKEN] as string
  const origin = process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT || 3000}`
  let timer: NodeJS.Timeout | undefined
  const revalidate = async () => {
    try {
      const response = await fetch(`${origin}/status/revalidate`, {
        method: 'POST',
        headers: { 'x-status-revalidate': token },
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`answered ${response.status}`)
    } catch (err) {
      logger.warn({ msg: 'status page not revalidated', err: String(err) })
    }
  }
  // Changes come in bursts (a component and its incident): one revalidation each 200 ms at most.
  const stop = onStatusChange(() => {
    clearTimeout(timer)
    timer = setTimeout(() => void revalidate(), 200)
    timer.unref()
  })
  return () => {
    clearTimeout(timer)
    stop()
  }
}
