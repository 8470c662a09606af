import { serverUrl } from './defaults'
import { HOME_PATH } from './nav'

export { HOME_PATH }

/**
 * A `next` parameter as a same-origin path to go to after login, or `fallback`. It is resolved
 * with the URL parser against the portal's own URL, as a browser would resolve it, and kept
 * only when the result stays on this origin: `//evil.example`, `/\evil.example` and the like
 * resolve to another host and are refused.
 */
export function safeNext(value: unknown, fallback = HOME_PATH): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback
  const base = new URL(serverUrl())
  let target: URL
  try {
    target = new URL(value, base)
  } catch {
    return fallback
  }
  if (target.origin !== base.origin) return fallback
  // `/..//evil.example` resolves on our origin to the path `//evil.example`, which a browser
  // (or a second pass through here) would read as another host.
  if (/^\/[\\/]/.test(target.pathname)) return fallback
  return `${target.pathname}${target.search}${target.hash}`
}
