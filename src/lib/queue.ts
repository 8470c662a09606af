import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker'
import type { PayloadRequest } from 'payload'

import { catalog, type TaskName, type TaskPayload } from '@/lib/tasks'

import { db, type Queryable } from './db'
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

export type JobSpec = {
  runAt?: Date
  /**
   * When a job of the same key is waiting: `replace` (the default) gives it this payload and
   * run time; `preserve_run_at` keeps its run time (a backstop that must not delay it).
   */
  jobKeyMode?: 'replace' | 'preserve_run_at'
}

type Prepared = { payload: unknown; jobKey: string | null; maxAttempts: number }

/** Validates a payload against the catalog and derives the job's key and attempts from it. */
function prepare<T extends TaskName>(task: T, payload: TaskPayload<T>): Prepared {
  const entry = catalog[task] as {
    schema: { parse: (value: unknown) => unknown }
    maxAttempts: number
    jobKey?: (value: unknown) => string
  }
  const parsed = entry.schema.parse(payload)
  return {
    payload: parsed,
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
  return utils.addJob(task, job.payload as never, {
    maxAttempts: job.maxAttempts,
    jobKey: job.jobKey ?? undefined,
    jobKeyMode: spec.jobKeyMode,
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
  await enqueueOn(await db(req), task, [payload], spec)
}

/**
 * Enqueues jobs of one task on a given connection (a worker's client inside its transaction,
 * a pool): one statement for any number of payloads.
 */
export async function enqueueOn<T extends TaskName>(
  queryable: Queryable,
  task: T,
  payloads: TaskPayload<T>[],
  spec: JobSpec = {},
): Promise<void> {
  if (payloads.length === 0) return
  const jobs = payloads.map((payload) => prepare(task, payload))
  // The jobs travel as one JSON array (not a Postgres array), so any driver binds it the same.
  await queryable.query(
    `SELECT graphile_worker.add_job($1, job.value->'payload', max_attempts => $2::int,
            job_key => job.value->>'key', run_at => $3::timestamptz,
            job_key_mode => coalesce($5::text, 'replace'))
       FROM json_array_elements($4::json) AS job(value)`,
    [
      task,
      jobs[0].maxAttempts,
      spec.runAt?.toISOString() ?? null,
      JSON.stringify(jobs.map((job) => ({ payload: job.payload, key: job.jobKey }))),
      spec.jobKeyMode ?? null,
    ],
  )
}
