import config from '@payload-config'
import { getPayload } from 'payload'

import { unreadCount } from '@/data/notifications'
import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { isLive, listen } from '@/lib/notifications/live'

export const dynamic = 'force-dynamic'

const HEARTBEAT_MS = 25_000
const POLL_MS = 5000
/** Several notifications at once make one update. */
const COALESCE_MS = 150

/**
 * GET /api/notifications/stream — Server-Sent Events with the signed-in person's unread count:
 * once at the start, then whenever it may have changed (announced over Redis by whoever
 * created or read notifications, in any process). Without Redis it polls. The browser's
 * EventSource reconnects by itself after a dropped connection (in 3 s).
 */
export const GET = route(async (request) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  if (!user || user.collection !== 'users' || (user as KeyUser).apiKey) {
    return errorJson(401, 'Sign in to follow your notifications.')
  }
  const encoder = new TextEncoder()
  let stop = () => undefined as void
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let isClosed = false
      let pending: NodeJS.Timeout | undefined
      const write = (text: string) => {
        if (!isClosed) controller.enqueue(encoder.encode(text))
      }
      const sendCount = async () => {
        try {
          write(`event: unread\ndata: ${await unreadCount(user, payload)}\n\n`)
        } catch {
          // The next change or reconnection sends it again.
        }
      }
      const changed = () => {
        clearTimeout(pending)
        pending = setTimeout(() => void sendCount(), COALESCE_MS)
      }
      write('retry: 3000\n\n')
      void sendCount()
      const unlisten = listen(Number(user.id), changed)
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS)
      const poll = isLive() ? undefined : setInterval(changed, POLL_MS)
      stop = () => {
        if (isClosed) return
        isClosed = true
        unlisten()
        clearTimeout(pending)
        clearInterval(heartbeat)
        clearInterval(poll)
        try {
          controller.close()
        } catch {
          // Already closed by the client.
        }
      }
      request.signal.addEventListener('abort', () => stop())
    },
    cancel() {
      stop()
    },
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  })
})
