import type { Server } from 'node:http'

import { env } from '@/lib/env'
import { closeKeyService, keyService } from '@/lib/keys/service'
import { logger } from '@/lib/logger'

import { closeServer, createVerifierServer, listen } from './server'

export type RunningVerifier = { server: Server; port: number; stop: () => Promise<void> }

/** Starts the verification server on VERIFIER_PORT (or `port`), sharing the process's verifier. */
export async function startVerifier(port = env().VERIFIER_PORT): Promise<RunningVerifier> {
  const { verifier, pool } = keyService()
  const server = createVerifierServer({ verifier, pool })
  server.keepAliveTimeout = 65_000
  const bound = await listen(server, port)
  logger.info({ msg: 'key verification server listening', port: bound })
  return {
    server,
    port: bound,
    async stop() {
      await closeServer(server)
      await closeKeyService()
    },
  }
}
