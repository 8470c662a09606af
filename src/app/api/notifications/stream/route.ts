import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { managedOrganizations } from '@/data/apiKeys'
import { unreadCount } from '@/data/notifications'
import { getEndpoint } from '@/data/webhooks'
import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { keyService } from '@/lib/keys/service'
import { isLive, listen, userTopic } from '@/lib/notifications/live'
import { redis } from '@/lib/redis'
import { readUsageCounts, usageLayout, type UsageLayout } from '@/lib/usage/live'
import type { User } from '@/payload-types'

export const dynamic = 'force-dynamic'

const HEARTBEAT_MS = 25_000
const POLL_MS = 5000
/** Several notifications at once make one update. */
const COALESCE_MS = 150
/** A watched page refreshes at most this often, however busy its endpoint. */
const WATCH_EVERY_MS = 1000
/** Open streams one person may hold in one process (a tab holds one). */
const MAX_STREAMS_PER_USER = 10

const openStreams = new Map<number, number>()

/** What a page may watch besides the unread count: `webhook-endpoint:<id>`, if it is theirs. */
const WATCHABLE = /^webhook-endpoint:(\d{1,12})$/
/** Or a forum thread it may read: `discussion:<id>` (new replies appear without a reload). */
const DISCUSSION_WATCH = /^discussion:(\d{1,9})$/
/** Or the live usage of accounts they may read: `usage:u12,o3` (the dashboard's bars). */
const USAGE_WATCH = /^usage:([uo]\d{1,12}(?:,[uo]\d{1,12}){0,20})$/
/** The limiter's counters are read this often while a dashboard is open (sent when changed). */
const USAGE_EVERY_MS = 1000
/** A usage stream lasts this long; the browser then reconnects and access is checked again. */
const USAGE_STREAM_MS = 5 * 60_000

/** The usage layout of the watched accounts, or null when one of them is not the person's. */
async function usageWatch(user: User, accounts: string[]): Promise<UsageLayout | null> {
  const allowed = new Set([
    `u${user.id}`,
    ...(await managedOrganizations(user)).map((org) => `o${org.id}`),
  ])
  if (!accounts.every((account) => allowed.has(account))) return null
  const layout = await usageLayout(keyService().pool, [...new Set(accounts)])
  return layout.length > 0 ? layout : null
}

/**
 * GET /api/notifications/stream — Server-Sent Events with the signed-in person's unread count:
 * once at the start, then whenever it may have changed (announced over Redis by whoever
 * created or read notifications, in any process). Without Redis it polls. The browser's
 * EventSource reconnects by itself after a dropped connection (in 3 s).
 *
 * With `?watch=webhook-endpoint:<id>` (an endpoint the person may read) it also sends
 * `event: changed` whenever that endpoint's deliveries change, and the page refreshes. With
 * `?watch=usage:u12,o3` (accounts the person may read) it sends `event: usage`, the accounts'
 * limit windows and today's calls as JSON, at once and within a second of every change.
 */
export const GET = route(async (request) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  if (!user || user.collection !== 'users' || (user as KeyUser).apiKey) {
    return errorJson(401, 'Sign in to follow your notifications.')
  }
  const userId = Number(user.id)
  if ((openStreams.get(userId) ?? 0) >= MAX_STREAMS_PER_USER) {
    return errorJson(429, 'Too many open live streams: close some tabs of the portal.', {
      headers: { 'Retry-After': '30' },
    })
  }
  // Counted at once, before anything is awaited: parallel opens cannot all pass the check.
  openStreams.set(userId, (openStreams.get(userId) ?? 0) + 1)
  let isCounted = true
  const release = () => {
    if (!isCounted) return
    isCounted = false
    const left = (openStreams.get(userId) ?? 1) - 1
    if (left > 0) openStreams.set(userId, left)
    else openStreams.delete(userId)
  }
  try {
    return await openStream(request, payload, user, userId, release)
  } catch (error) {
    release()
    throw error
  }
})

async function openStream(
  request: Request,
  payload: Payload,
  user: NonNullable<Awaited<ReturnType<Payload['auth']>>['user']>,
  userId: number,
  release: () => void,
): Promise<Response> {
  let watch = new URL(request.url).searchParams.get('watch')
  let usage: UsageLayout | null = null
  if (watch !== null) {
    const usageAccounts = USAGE_WATCH.exec(watch)?.[1]
    const endpointId = WATCHABLE.exec(watch)?.[1]
    const discussionId = DISCUSSION_WATCH.exec(watch)?.[1]
    if (usageAccounts) usage = await usageWatch(user as User, usageAccounts.split(','))
    const isAllowed = usageAccounts
      ? usage !== null
      : discussionId
        ? Boolean(
            await payload.findByID({
              collection: 'discussions',
              id: discussionId,
              depth: 0,
              select: { title: true },
              disableErrors: true,
              overrideAccess: false,
              user,
            }),
          )
        : Boolean(endpointId && (await getEndpoint(user, endpointId)))
    if (!isAllowed) {
      release()
      return errorJson(404, 'Nothing to watch there.', { field: 'watch' })
    }
    // Usage is polled here, not announced: nothing listens on its topic.
    if (usage) watch = null
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
      const unlisten = listen(userTopic(userId), changed)
      let watchPending: NodeJS.Timeout | undefined
      // Throttled: the first change is sent within a second, and the ones meanwhile with it.
      const watchChanged = () => {
        watchPending ??= setTimeout(() => {
          watchPending = undefined
          write(`event: changed\ndata: ${watch}\n\n`)
        }, WATCH_EVERY_MS)
      }
      const unwatch = watch ? listen(watch, watchChanged) : () => undefined
      let lastUsage = ''
      let isReadingUsage = false
      const sendUsage = async () => {
        if (!usage || isReadingUsage) return
        isReadingUsage = true
        try {
          const data = JSON.stringify(await readUsageCounts(redis(), usage))
          if (data !== lastUsage) write(`event: usage\ndata: ${data}\n\n`)
          lastUsage = data
        } catch {
          // The next tick tries again.
        } finally {
          isReadingUsage = false
        }
      }
      const usagePoll = usage ? setInterval(() => void sendUsage(), USAGE_EVERY_MS) : undefined
      // Access to the usage is checked when the stream opens: it ends now and then, and the
      // browser reconnects (checked again), so a person who lost an organization stops seeing it.
      const lifetime = usage ? setTimeout(() => stop(), USAGE_STREAM_MS) : undefined
      void sendUsage()
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS)
      // Without Redis no other process can announce anything: poll instead.
      const poll = isLive()
        ? undefined
        : setInterval(() => {
            changed()
            if (watch) watchChanged()
          }, POLL_MS)
      stop = () => {
        if (isClosed) return
        isClosed = true
        release()
        clearTimeout(lifetime)
        unlisten()
        unwatch()
        clearTimeout(pending)
        clearTimeout(watchPending)
        clearInterval(heartbeat)
        clearInterval(poll)
        clearInterval(usagePoll)
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
}
