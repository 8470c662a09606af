import http from 'node:http'
import https from 'node:https'
import net, { isIP } from 'node:net'

import { guardedLookup, refusedAddress, type AddressPolicy } from '../webhooks/ssrf'
import { CHECK_DEFAULTS, describeCheck, type CheckConfig } from './checkTypes'

/** One check's outcome: whether it passed, how long it took, and why it failed. */
export type ProbeResult = { ok: boolean; latencyMs: number; error?: string }

/** How much of an answer is read to look for the expected text. */
export const MAX_BODY_BYTES = 64 * 1024

/** The portal's own parts, checked in the worker's process (src/lib/health.ts probes). */
export type InternalProbes = Record<
  NonNullable<CheckConfig['target']>,
  () => Promise<string | undefined>
>

const elapsed = (started: number) => Math.round(performance.now() - started)

const reason = (err: unknown) => {
  const error = err as NodeJS.ErrnoException
  if (error.code === 'ECONNREFUSED') return 'connection refused'
  if (error.code === 'ENOTFOUND') return 'host not found'
  if (error.code === 'ECONNRESET') return 'connection reset'
  return error.message || String(err)
}

/**
 * An HTTP(S) check: the request, its answer's status and (when asked) text within the timeout —
 * a deadline for the whole exchange. Every connection goes through the webhook SSRF guard (the
 * address checked is the one connected to). Redirects are not followed: expect the 3xx status.
 */
export function probeHttp(check: CheckConfig, policy: AddressPolicy = {}): Promise<ProbeResult> {
  const started = performance.now()
  const timeoutMs = check.timeoutMs ?? CHECK_DEFAULTS.timeoutMs
  const expected = check.expectedStatus ?? CHECK_DEFAULTS.expectedStatus
  return new Promise((resolve) => {
    let isSettled = false
    let request: http.ClientRequest | undefined
    const finish = (ok: boolean, error?: string) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(deadline)
      resolve({ ok, latencyMs: elapsed(started), ...(error ? { error } : {}) })
      request?.destroy()
    }
    const deadline = setTimeout(
      () => finish(false, `no answer within ${timeoutMs / 1000} s`),
      timeoutMs,
    )
    let target: URL
    try {
      target = new URL(check.url ?? '')
    } catch {
      return finish(false, 'invalid URL')
    }
    const literal = target.hostname.replace(/^\[|\]$/g, '')
    const refused = isIP(literal) ? refusedAddress(literal, policy) : null
    if (refused) return finish(false, `refused to connect: ${refused}`)
    const client = target.protocol === 'https:' ? https : http
    try {
      request = client.request(
        target,
        {
          method: check.method ?? 'GET',
          headers: { 'user-agent': 'TuneTrail-Status/1.0', accept: '*/*' },
          lookup: guardedLookup(policy) as never,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = []
          let size = 0
          const judge = () => {
            if (response.statusCode !== expected) {
              return finish(false, `HTTP ${response.statusCode} (expected ${expected})`)
            }
            const body = Buffer.concat(chunks).toString('utf8')
            if (check.bodyMatch && !body.includes(check.bodyMatch)) {
              return finish(false, `the answer does not contain “${check.bodyMatch}”`)
            }
            finish(true)
          }
          response.on('data', (chunk: Buffer) => {
            if (size < MAX_BODY_BYTES) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size))
            size += chunk.length
            // Enough read: the rest of a large answer is never waited for.
            if (size >= MAX_BODY_BYTES) judge()
          })
          response.on('end', judge)
          response.on('error', (err) => finish(false, reason(err)))
        },
      )
    } catch (err) {
      return finish(false, reason(err))
    }
    request.on('error', (err) => finish(false, reason(err)))
    request.end()
  })
}

/** A TCP check: a connection opens within the timeout (through the same SSRF guard). */
export function probeTcp(check: CheckConfig, policy: AddressPolicy = {}): Promise<ProbeResult> {
  const started = performance.now()
  const timeoutMs = check.timeoutMs ?? CHECK_DEFAULTS.timeoutMs
  const host = (check.host ?? '').replace(/^\[|\]$/g, '')
  const refused = isIP(host) ? refusedAddress(host, policy) : null
  if (refused) {
    return Promise.resolve({ ok: false, latencyMs: 0, error: `refused to connect: ${refused}` })
  }
  return new Promise((resolve) => {
    let isSettled = false
    const socket = net.connect({
      host,
      port: Number(check.port),
      lookup: guardedLookup(policy) as never,
    })
    const finish = (ok: boolean, error?: string) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(deadline)
      socket.destroy()
      resolve({ ok, latencyMs: elapsed(started), ...(error ? { error } : {}) })
    }
    const deadline = setTimeout(
      () => finish(false, `no connection within ${timeoutMs / 1000} s`),
      timeoutMs,
    )
    socket.once('connect', () => finish(true))
    socket.once('error', (err) => finish(false, reason(err)))
  })
}

/** A check of the portal's own parts: the probe answers, within the timeout. */
export async function probeInternal(
  check: CheckConfig,
  probes: InternalProbes,
): Promise<ProbeResult> {
  const started = performance.now()
  const timeoutMs = check.timeoutMs ?? CHECK_DEFAULTS.timeoutMs
  const probe = check.target ? probes[check.target] : undefined
  if (!probe) return { ok: false, latencyMs: 0, error: 'no such part of the portal' }
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
          timeoutMs,
        )
      }),
    ])
    return { ok: true, latencyMs: elapsed(started) }
  } catch (err) {
    return { ok: false, latencyMs: elapsed(started), error: reason(err) }
  } finally {
    clearTimeout(timer)
  }
}

/** Runs one check of any type. */
export function probe(
  check: CheckConfig,
  deps: { policy: AddressPolicy; internal: InternalProbes },
): Promise<ProbeResult> {
  if (check.type === 'http') return probeHttp(check, deps.policy)
  if (check.type === 'tcp') return probeTcp(check, deps.policy)
  if (check.type === 'internal') return probeInternal(check, deps.internal)
  return Promise.resolve({
    ok: false,
    latencyMs: 0,
    error: `unknown check ${describeCheck(check)}`,
  })
}
