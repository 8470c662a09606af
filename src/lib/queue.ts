import { sql } from '@payloadcms/db-postgres'
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker'
import type { PayloadRequest } from 'payload'

import { catalog, type TaskName, type TaskPayload } from '@/lib/tasks'

import { sqlFor } from './db'
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

export async function releaseQueue(): Promise<void> {
  const pending = globalForQueue.ttWorkerUtils
  globalForQueue.ttWorkerUtils = undefined
  if (pending) await (await pending).release()
}

export type JobSpec = { runAt?: Date }

type Prepared = { payload: string; jobKey: string | null; maxAttempts: number }

/** Validates a payload against the catalog and derives the job's key and attempts from it. */
function prepare<T extends TaskName>(task: T, payload: TaskPayload<T>): Prepared {
  const entry = catalog[task] as {
    schema: { parse: (value: unknown) => unknown }
    maxAttempts: number
    jobKey?: (value: unknown) => string
  }
  const parsed = entry.schema.parse(payload)
  return {
    payload: JSON.stringify(parsed),
    jobKey: entry.jobKey?.(parsed) ?? null,
    maxAttempts: entry.maxAttempts,
  }
}

/** Enqueues a job on its own connection (no surrounding transaction). */
export async function enqueue<T extends TaskName>(
  task: T,
  payload: TaskPayload<T>,
  spec: JobSpec = {},
) {
  const job = prepare(task, payload)
  const utils = await workerUtils()
  return utils.addJob(task, JSON.parse(job.payload), {
    maxAttempts: job.maxAttempts,
    jobKey: job.jobKey ?? undefined,
    runAt: spec.runAt,
  })
}

/**
 * Enqueues a job inside the request's database transaction: the job exists if and only if the
 * write it belongs to commits. Without a transaction on `req` it runs on its own.
 */
export async function enqueueInTransaction<T extends TaskName>(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  task: T,
  payload: TaskPayload<T>,
  spec: JobSpec = {},
): Promise<void> {
  const job = prepare(task, payload)
  const db = await sqlFor(req)
  await db.execute(
    sql`SELECT graphile_worker.add_job(${task}, ${job.payload}::json,
          max_attempts => ${job.maxAttempts}::int,
          job_key => ${job.jobKey}::text,
          run_at => ${spec.runAt?.toISOString() ?? null}::timestamptz)`,
  )
}

export type Queryable = {
  query: (text: string, values?: unknown[]) => Promise<{ rowCount?: number | null }>
}

/**
 * Enqueues jobs of one task on a given connection (a worker's client inside its transaction,
 * a pool): one statement for any number of payloads.
 */
export async function enqueueOn<T extends TaskName>(
  db: Queryable,
  task: T,
  payloads: TaskPayload<T>[],
  spec: JobSpec = {},
): Promise<void> {
  if (payloads.length === 0) return
  const jobs = payloads.map((payload) => prepare(task, payload))
  await db.query(
    `SELECT graphile_worker.add_job($1, job.payload, max_attempts => $2::int, job_key => job.key,
            run_at => $3::timestamptz)
       FROM unnest($4::json[], $5::text[]) AS job(payload, key)`,
    [
      task,
      jobs[0].maxAttempts,
      spec.runAt?.toISOString() ?? null,
      jobs.map((job) => job.payload),
      jobs.map((job) => job.jobKey),
    ],
  )
}
