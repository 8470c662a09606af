import http from 'node:http'
import https from 'node:https'

import { isIP } from 'node:net'

import { guardedLookup, refusedAddress, type AddressPolicy } from './ssrf'

export const TIMEOUT_MS = 15_000
const MAX_BODY = 4096

export type SendResult = {
  status?: number
  body?: string
  retryAfter?: string
  durationMs: number
  error?: string
}

/**
 * POSTs one webhook: 15 s for the whole exchange, every connection through the SSRF guard
 * (the checked address is the one connected to), the response body cut to 4 KB.
 */
export function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: AddressPolicy & { timeoutMs?: number } = {},
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  return new Promise((resolve) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      resolve({ durationMs: 0, error: 'invalid URL' })
      return
    }
    // An IP literal never goes through `lookup`: check it here.
    const literal = target.hostname.replace(/^\[|\]$/g, '')
    const refused = isIP(literal) ? refusedAddress(literal, policy) : null
    if (refused) {
      resolve({ durationMs: 0, error: `refused to connect: ${refused}` })
      return
    }
    const client = target.protocol === 'https:' ? https : http
    let request: http.ClientRequest
    try {
      request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: guardedLookup(policy) as never,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = []
          let size = 0
          response.on('data', (chunk: Buffer) => {
            if (size < MAX_BODY) chunks.push(chunk)
            size += chunk.length
          })
          response.on('end', () =>
            resolve({
              status: response.statusCode,
              body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
              retryAfter: response.headers['retry-after'],
              durationMs: elapsed(),
            }),
          )
          response.on('error', (err) => resolve({ durationMs: elapsed(), error: err.message }))
        },
      )
    } catch (err) {
      // Node refuses some header values outright: a failed attempt, not a crashed task.
      resolve({ durationMs: elapsed(), error: err instanceof Error ? err.message : String(err) })
      return
    }
    request.setTimeout(policy.timeoutMs ?? TIMEOUT_MS, () => {
      request.destroy(new Error(`no response within ${(policy.timeoutMs ?? TIMEOUT_MS) / 1000} s`))
    })
    request.on('error', (err) => resolve({ durationMs: elapsed(), error: err.message }))
    request.end(body)
  })
}
