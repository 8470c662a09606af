import { randomBytes } from 'node:crypto'

import pg from 'pg'

import { ensureEmbeddedPostgres } from '../../src/lib/embeddedPostgres'

export type TestDatabase = { url: string; drop: () => Promise<void> }

/**
 * A fresh database for one test run: on the server of DATABASE_URL when it is set,
 * otherwise on the embedded Postgres (started here if needed).
 */
export async function createTestDatabase(prefix = 'tt_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL)
    admin.pathname = '/postgres'
    const client = new pg.Client({ connectionString: admin.toString() })
    await client.connect()
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
    await client.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: admin.toString() })
        await c.connect()
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)
        await c.end()
      },
    }
  }
  const embedded = await ensureEmbeddedPostgres(name)
  return {
    url: embedded.url,
    drop: async () => {
      const admin = new URL(embedded.url)
      admin.pathname = '/postgres'
      const c = new pg.Client({ connectionString: admin.toString() })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)
      await c.end()
      await embedded.stop()
    },
  }
}
