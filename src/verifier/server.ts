import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Pool } from 'pg'

import { errorAnswer } from '@/lib/api/errors'
import { env } from '@/lib/env'
import { handleUsageReport, handleVerify, type HttpAnswer } from '@/lib/keys/http'
import type { Verifier } from '@/lib/keys/verifier'
import { logger } from '@/lib/logger'
import { parseTrustedProxies, resolveClientAddress } from '@/lib/net/clientAddress'

const MAX_BODY_BYTES = 1_000_000

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/**
 * The verification server: plain node:http on the hot path, no framework. Routes:
 * POST /verify (also /api/keys/verify), POST /api/usage, GET /health.
 */
export function createVerifierServer(deps: {
  verifier: Verifier
  pool: Pick<Pool, 'query'>
}): Server {
  const trusted = parseTrustedProxies(env().TRUSTED_PROXIES)
  return createServer(async (request, response) => {
    const send = ({ status, body, headers }: HttpAnswer) => {
      const text = JSON.stringify(body)
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        ...headers,
      })
      response.end(text)
    }
    try {
      const path = request.url?.split('?')[0]
      if (request.method === 'GET' && path === '/health') {
        return send({
          status: 200,
          body: { status: 'ok', redis: deps.verifier.redisState().state },
        })
      }
      const isVerify = path === '/verify' || path === '/api/keys/verify'
      if (!isVerify && path !== '/api/usage') {
        return send(errorAnswer(404, 'NOT_FOUND', 'No such route.'))
      }
      if (request.method !== 'POST') {
        return send(
          errorAnswer(405, 'METHOD_NOT_ALLOWED', 'Use POST.', undefined, { allow: 'POST' }),
        )
      }
      const body = await readBody(request)
      if (body === null) {
        return send(errorAnswer(413, 'PAYLOAD_TOO_LARGE', 'The body is over 1 MB.', 'body'))
      }
      const ip = resolveClientAddress(
        request.socket.remoteAddress,
        request.headers['x-forwarded-for'],
        trusted,
      )
      send(
        isVerify
          ? await handleVerify(deps.verifier, request.headers.authorization, body, ip)
          : await handleUsageReport(
              deps.verifier,
              deps.pool,
              request.headers.authorization,
              body,
              ip,
            ),
      )
    } catch (err) {
      logger.error({ msg: 'verification request failed', err: String(err) })
      if (!response.headersSent) {
        send(errorAnswer(503, 'UNAVAILABLE', 'Try again shortly.'))
      }
    }
  })
}

/** Listens on `port` (0 picks a free one) and resolves with the bound port. */
export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
