import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

type Drizzle = { execute: (query: unknown) => Promise<unknown> }
type SessionAdapter = { drizzle: Drizzle; sessions?: Record<string, { db: Drizzle }> }

/**
 * The Drizzle handle to run raw SQL (`sql` from @payloadcms/db-postgres) as part of a request:
 * on its open transaction when it has one, so the statement commits or rolls back with the
 * request's writes; otherwise on Payload's pool.
 */
export async function sqlFor(
  req:
    | Pick<PayloadRequest, 'payload' | 'transactionID'>
    | { payload: Payload; transactionID?: undefined },
): Promise<Drizzle> {
  const adapter = req.payload.db as unknown as SessionAdapter
  const transactionID = req.transactionID ? await req.transactionID : undefined
  return (transactionID !== undefined && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
}

/** The rows of a raw query's result. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

/**
 * Anything that runs a parameterised SQL statement: a pg client or pool, or (through `db(req)`)
 * the transaction of a Payload request. Library code that writes SQL takes this, so the same
 * function serves a request, a worker's transaction and a script.
 */
export type Queryable = {
  query: <T = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ) => Promise<{ rows: T[]; rowCount?: number | null }>
}

/** `$1 … $n` placeholders as a Drizzle statement with those values bound. */
function drizzleStatement(text: string, values: unknown[]) {
  const parts = text.split(/\$(\d+)/)
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`,
    ),
  )
}

/** A Payload request's database (its transaction when it has one) as a Queryable. */
export async function db(
  req:
    | Pick<PayloadRequest, 'payload' | 'transactionID'>
    | { payload: Payload; transactionID?: undefined },
): Promise<Queryable> {
  const drizzle = await sqlFor(req)
  return {
    query: async <T>(text: string, values: unknown[] = []) => {
      const result = (await drizzle.execute(drizzleStatement(text, values))) as {
        rows: T[]
        rowCount?: number | null
      }
      return { rows: result.rows, rowCount: result.rowCount }
    },
  }
}

/**
 * Locks an organization's row for the rest of the request's transaction: whoever changes its
 * member list (leave, accept an invitation, a manager's edit) reads and rewrites it one at a
 * time, so no change overwrites another.
 */
export async function lockOrganization(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  id: number,
): Promise<void> {
  if (!req.transactionID) throw new Error('lockOrganization needs a transaction on req')
  const db = await sqlFor(req)
  await db.execute(sql`SELECT 1 FROM organizations WHERE id = ${id} FOR UPDATE`)
}
