import net from 'node:net'

import pg from 'pg'

import { EMBEDDED_DATABASE, embeddedDatabaseUrl } from '../lib/defaults'
import { env } from '../lib/env'
import { dataPath } from '../lib/paths'
import { placeEmbeddedPostgres } from './postgresPlacement'
import { initialise, isInitialised, startServer } from './postgresProcess'
import { StartupError } from './startupError'

// The password of embeddedDatabaseUrl(): a local development server, never reachable from outside.
const PASSWORD = 'postgres'

export type EmbeddedHandle = { url: string; ownsServer: boolean; stop: () => Promise<void> }

const isPortOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

async function createDatabaseIfMissing(database: string) {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl('postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ])
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
  } finally {
    await client.end()
  }
}

/** Creates the database on a server that accepts the embedded credentials, or says why not. */
async function createDatabaseOrExplain(database: string, explain: (reason: string) => string) {
  try {
    await createDatabaseIfMissing(database)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StartupError(explain(reason), { cause: error })
  }
}

/**
 * Starts the embedded Postgres under .data/postgres unless one already listens on its port
 * (started by another `npm run …`), creates the database once, and returns how to stop it.
 * Only the process that started the server stops it. Every failure is a StartupError.
 */
export async function ensureEmbeddedPostgres(
  database = EMBEDDED_DATABASE,
): Promise<EmbeddedHandle> {
  const port = env().EMBEDDED_PG_PORT
  const url = embeddedDatabaseUrl(database)

  if (await isPortOpen(port)) {
    await createDatabaseOrExplain(
      database,
      (reason) =>
        `Port ${port} is in use by something other than the portal's embedded Postgres (${reason}); stop it or set EMBEDDED_PG_PORT to a free port.`,
    )
    return { url, ownsServer: false, stop: async () => {} }
  }

  const placement = await placeEmbeddedPostgres(dataPath('postgres'))
  if (!isInitialised(placement.databaseDir)) {
    console.log(`Initialising embedded Postgres in ${placement.databaseDir} (first run only)…`)
    await initialise(placement, PASSWORD)
  }
  // A server killed hard leaves its pid file behind; postgres itself checks whether it is stale.
  const server = await startServer(placement, port)
  try {
    await createDatabaseOrExplain(
      database,
      (reason) =>
        `Embedded Postgres started but could not create the database ${database} (${reason}); delete ${placement.databaseDir} and try again, or set DATABASE_URL.`,
    )
  } catch (error) {
    await server.stop()
    throw error
  }
  return { url, ownsServer: true, stop: server.stop }
}
