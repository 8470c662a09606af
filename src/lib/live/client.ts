'use client'

/**
 * One live stream per browser tab, shared by the bell (`unread`) and the page that watches a
 * topic (`changed`): a second EventSource per tab would use up the browser's six connections
 * per host after three tabs. Watching a topic reopens the one stream with `?watch=`.
 */
type Handler = (data: string) => void

const RETRY_MS = 3000
const MAX_RETRY_MS = 60_000

const handlers = {
  unread: new Set<Handler>(),
  changed: new Set<Handler>(),
  usage: new Set<Handler>(),
}
const watched = new Map<string, number>()
let source: EventSource | null = null
let openedFor: string | null = null
let retry: number | undefined
let delayMs = RETRY_MS

const topic = () => [...watched.keys()].at(-1) ?? null

function open() {
  window.clearTimeout(retry)
  source?.close()
  source = null
  if (Object.values(handlers).every((set) => set.size === 0)) return
  openedFor = topic()
  const url = `/api/notifications/stream${openedFor ? `?watch=${encodeURIComponent(openedFor)}` : ''}`
  const current = new EventSource(url)
  source = current
  for (const name of ['unread', 'changed', 'usage'] as const) {
    current.addEventListener(name, (event) => {
      delayMs = RETRY_MS
      for (const handler of handlers[name]) handler((event as MessageEvent<string>).data)
    })
  }
  current.addEventListener('error', () => {
    // A dropped connection reconnects by itself; an error answer (a server restarting behind
    // its proxy) closes the stream for good: open a new one, backing off.
    if (current.readyState !== EventSource.CLOSED || source !== current) return
    retry = window.setTimeout(open, delayMs)
    delayMs = Math.min(delayMs * 2, MAX_RETRY_MS)
  })
}

/** Calls `handler` with each event `name`; returns the way to stop. */
export function subscribe(name: keyof typeof handlers, handler: Handler): () => void {
  handlers[name].add(handler)
  if (!source) open()
  return () => {
    handlers[name].delete(handler)
    if (Object.values(handlers).every((set) => set.size === 0)) open()
  }
}

/** Follows `topic` (e.g. `webhook-endpoint:12`) on the shared stream while the page is open. */
export function watch(name: string): () => void {
  watched.set(name, (watched.get(name) ?? 0) + 1)
  if (topic() !== openedFor) open()
  return () => {
    const count = (watched.get(name) ?? 1) - 1
    if (count > 0) watched.set(name, count)
    else watched.delete(name)
    if (topic() !== openedFor) open()
  }
}
