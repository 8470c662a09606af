import { sql } from '@payloadcms/db-postgres'
import { makeWorkerUtils, type TaskSpec, type WorkerUtils } from 'graphile-worker'
import type { PayloadRequest } from 'payload'

import { catalog, type TaskName, type TaskPayload } from '@/worker/catalog'

import { databaseUrl } from './defaults'

const globalForQueue = globalThis as unknown as { ttWorkerUtils?: Promise<WorkerUtils> }

/** One pool of producer connections per process. */
export function workerUtils(): Promise<WorkerUtils> {
  globalForQueue.ttWorkerUtils ??= makeWorkerUtils({ connectionString: databaseUrl() })
  return globalForQueue.ttWorkerUtils
}

/** Creates or upgrades graphile-worker's own schema; run once at boot, before any enqueue. */
export async function migrateQueue(): Promise<void> {
  const utils = await workerUtils()
  await utils.migrate()
}

/** Enqueues a job after validating its payload against the catalog. */
export async function enqueue<T extends TaskName>(
  task: T,
  payload: TaskPayload<T>,
  spec: Omit<TaskSpec, 'maxAttempts'> = {},
) {
  const entry = catalog[task]
  const parsed = entry.schema.parse(payload)
  const utils = await workerUtils()
  if (spec.jobKey && !spec.jobKey.startsWith(`${task}:`)) {
    throw new Error(`jobKey for ${task} must start with "${task}:"`)
  }
  return utils.addJob(task as string, parsed, { maxAttempts: entry.maxAttempts, ...spec })
}

export async function releaseQueue(): Promise<void> {
  const pending = globalForQueue.ttWorkerUtils
  globalForQueue.ttWorkerUtils = undefined
  if (pending) await (await pending).release()
}

type DrizzleLike = { execute: (query: unknown) => Promise<unknown> }
type SessionAdapter = { drizzle: DrizzleLike; sessions?: Record<string, { db: DrizzleLike }> }

/**
 * Enqueues a job inside the request's database transaction (graphile_worker.add_job on the
 * transaction's connection): the job exists if and only if the write it belongs to commits.
 * Without a transaction on `req` it runs on its own, like `enqueue`.
 */
export async function enqueueInTransaction<T extends TaskName>(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  task: T,
  payload: TaskPayload<T>,
  spec: { jobKey?: string; runAt?: Date } = {},
): Promise<void> {
  const entry = catalog[task]
  const parsed = entry.schema.parse(payload)
  if (spec.jobKey && !spec.jobKey.startsWith(`${task}:`)) {
    throw new Error(`jobKey for ${task} must start with "${task}:"`)
  }
  const adapter = req.payload.db as unknown as SessionAdapter
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const db =
    (transactionID !== undefined && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
  await db.execute(
    sql`SELECT graphile_worker.add_job(${task}, ${JSON.stringify(parsed)}::json,
          max_attempts => ${entry.maxAttempts}::int,
          job_key => ${spec.jobKey ?? null}::text,
          run_at => ${spec.runAt?.toISOString() ?? null}::timestamptz)`,
  )
}
