import http from 'node:http'
import https from 'node:https'

import { isIP } from 'node:net'

import { guardedLookup, refusedAddress, type AddressPolicy } from './ssrf'

export const TIMEOUT_MS = 15_000
/** What is kept of a receiver's answer; reading stops there. */
export const MAX_RESPONSE_BYTES = 4096

/** Response headers kept per attempt, and the longest value kept of each. */
const MAX_RESPONSE_HEADERS = 30
const MAX_HEADER_VALUE = 500

export type SendResult = {
  status?: number
  body?: string
  /** The receiver's response headers (at most 30, values cut at 500 characters). */
  headers?: Record<string, string>
  retryAfter?: string
  durationMs: number
  error?: string
}

/**
 * POSTs one webhook. `timeoutMs` is a deadline for the whole exchange — DNS, connect, TLS, the
 * request, the response headers and the body — not an idle timeout: a receiver that trickles
 * bytes cannot hold a worker past it. Every connection goes through the SSRF guard (the checked
 * address is the one connected to), and at most 4 KB of the answer is read.
 */
export function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: AddressPolicy & { timeoutMs?: number } = {},
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const timeoutMs = policy.timeoutMs ?? TIMEOUT_MS
  return new Promise((resolve) => {
    let isSettled = false
    let request: http.ClientRequest | undefined
    let response: http.IncomingMessage | undefined
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(deadline)
      resolve({ ...result, durationMs: elapsed() })
      // Whatever is still open (a trickling body, a half-open socket) goes now.
      response?.destroy()
      request?.destroy()
    }
    const deadline = setTimeout(
      () =>
        finish({
          status: response?.statusCode,
          error: `no response within ${timeoutMs / 1000} s (the deadline for the whole exchange)`,
        }),
      timeoutMs,
    )

    let target: URL
    try {
      target = new URL(url)
    } catch {
      return finish({ error: 'invalid URL' })
    }
    // An IP literal never goes through `lookup`: check it here.
    const literal = target.hostname.replace(/^\[|\]$/g, '')
    const refused = isIP(literal) ? refusedAddress(literal, policy) : null
    if (refused) return finish({ error: `refused to connect: ${refused}` })

    const client = target.protocol === 'https:' ? https : http
    try {
      request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: guardedLookup(policy) as never,
          agent: false,
        },
        (incoming) => {
          response = incoming
          const chunks: Buffer[] = []
          let size = 0
          const answer = () => ({
            status: incoming.statusCode,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES),
            headers: responseHeaders(incoming),
            retryAfter: incoming.headers['retry-after'],
          })
          incoming.on('data', (chunk: Buffer) => {
            chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size))
            size += chunk.length
            // Enough to show in the delivery log: the rest is never read.
            if (size >= MAX_RESPONSE_BYTES) finish(answer())
          })
          incoming.on('end', () => finish(answer()))
          incoming.on('error', (err) => finish({ status: incoming.statusCode, error: err.message }))
        },
      )
    } catch (err) {
      // Node refuses some header values outright: a failed attempt, not a crashed task.
      return finish({ error: err instanceof Error ? err.message : String(err) })
    }
    request.on('error', (err) => finish({ error: err.message }))
    request.end(body)
  })
}

/** The answer's headers as the receiver sent them, bounded: shown in the delivery log. */
function responseHeaders(incoming: http.IncomingMessage): Record<string, string> {
  const pairs: [string, string][] = []
  const raw = incoming.rawHeaders
  for (let i = 0; i + 1 < raw.length && pairs.length < MAX_RESPONSE_HEADERS; i += 2) {
    pairs.push([raw[i].toLowerCase(), raw[i + 1].slice(0, MAX_HEADER_VALUE)])
  }
  return Object.fromEntries(pairs)
}
