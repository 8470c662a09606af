import { makeWorkerUtils, type TaskSpec, type WorkerUtils } from 'graphile-worker'

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
