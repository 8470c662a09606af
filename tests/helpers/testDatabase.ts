import { randomBytes } from 'node:crypto'

import pg from 'pg'

import { ensureEmbeddedPostgres } from '../../src/runtime/embeddedPostgres'

export type TestDatabase = { url: string; drop: () => Promise<void> }

/** The same server's maintenance database, for CREATE/DROP DATABASE. */
const maintenanceUrl = (url: string) => {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  return admin.toString()
}

async function onServer(url: string, sql: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl(url) })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * A fresh database for one test run: on the server of DATABASE_URL when it is set,
 * otherwise on the embedded Postgres (started here if needed, stopped by drop()).
 */
export async function createTestDatabase(prefix = 'tt_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`
  const quoted = pg.escapeIdentifier(name)
  if (process.env.DATABASE_URL) {
    await onServer(process.env.DATABASE_URL, `CREATE DATABASE ${quoted}`)
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      drop: () => onServer(url.toString(), `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`),
    }
  }
  const embedded = await ensureEmbeddedPostgres(name)
  return {
    url: embedded.url,
    drop: async () => {
      await onServer(embedded.url, `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
      await embedded.stop()
    },
  }
}

/**
 * A copy of a migrated database (nobody may be connected to it) for one test worker, on the same
 * server; dropped by its own drop().
 */
export async function copyTestDatabase(
  source: TestDatabase,
  suffix: string,
): Promise<TestDatabase> {
  const url = new URL(source.url)
  const from = decodeURIComponent(url.pathname.slice(1))
  const name = `${from}_${suffix}`
  const quoted = pg.escapeIdentifier(name)
  await onServer(source.url, `CREATE DATABASE ${quoted} TEMPLATE ${pg.escapeIdentifier(from)}`)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => onServer(url.toString(), `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`),
  }
}
