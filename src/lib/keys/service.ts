import pg from 'pg'

import { databaseUrl } from '../defaults'
import { logger } from '../logger'
import { redis } from '../redis'
import { createUsageBuffer, type UsageBuffer } from '../usage/events'
import { emitLimitReached } from '../usage/limitReached'
import { subscribeToInvalidations, unsubscribeFromInvalidations } from './cache'
import { createVerifier, type Verifier, type VerifyInput, type VerifyOptions } from './verifier'

type Service = { verifier: Verifier; usage: UsageBuffer; pool: pg.Pool }

const globalForKeys = globalThis as unknown as { ttKeyService?: Service }

/**
 * The process's verifier, shared by the verification server, the Next route, the API-key
 * auth of REST/GraphQL and any other code here. Its own small Postgres pool keeps key
 * look-ups and usage writes off Payload's.
 */
export function keyService(): Service {
  if (globalForKeys.ttKeyService) return globalForKeys.ttKeyService
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 6 })
  pool.on('error', (err) =>
    logger.warn({ msg: 'idle verifier database connection closed', err: err.message }),
  )
  const usage = createUsageBuffer(pool)
  const verifier = createVerifier({
    pool,
    redis: redis(),
    usage,
    onLimitReached: (account, hit, at) => void emitLimitReached(pool, account, hit, at),
  })
  subscribeToInvalidations()
  globalForKeys.ttKeyService = { verifier, usage, pool }
  return globalForKeys.ttKeyService
}

/** The process's verifier if something started it (for health reports), without starting one. */
export const runningKeyService = (): Service | undefined => globalForKeys.ttKeyService

/** Verifies a key for code in this repository (same verifier as POST /api/keys/verify). */
export const verifyKey = (input: VerifyInput, options?: VerifyOptions) =>
  keyService().verifier.verify(input, options)

/** Writes buffered usage and releases the pool: nothing recorded is lost on a clean stop. */
export async function closeKeyService(): Promise<void> {
  const service = globalForKeys.ttKeyService
  if (!service) return
  globalForKeys.ttKeyService = undefined
  await service.usage.close()
  await unsubscribeFromInvalidations()
  await service.pool.end()
}
