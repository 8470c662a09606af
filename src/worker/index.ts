import os from 'node:os'
import { randomUUID } from 'node:crypto'

import { run, type Runner, type TaskList } from 'graphile-worker'
import pg from 'pg'

import { databaseUrl } from '@/lib/defaults'
import { logger } from '@/lib/logger'

import { HEARTBEAT_INTERVAL_MS } from './heartbeat'

import { invitation__prune } from './tasks/invitation__prune'
import { mail__send } from './tasks/mail__send'
import { usage__prune } from './tasks/usage__prune'
import { usage__rollup } from './tasks/usage__rollup'
import { webhook__deliver } from './tasks/webhook__deliver'
import { webhook__fanout } from './tasks/webhook__fanout'
import { webhook__recover } from './tasks/webhook__recover'

export const taskList: TaskList = {
  mail__send,
  invitation__prune,
  usage__rollup,
  usage__prune,
  webhook__fanout,
  webhook__deliver,
  webhook__recover,
}

/** Periodic work: graphile-worker's crontab (minute hour day month weekday task ?opts). */
export const crontab = [
  '17 3 * * * invitation__prune ?max=1',
  '* * * * * usage__rollup ?max=1&jobKey=usage__rollup',
  '41 3 * * * usage__prune ?max=1',
  '* * * * * webhook__recover ?max=1&jobKey=webhook__recover',
].join('\n')

export type WorkerHandle = { id: string; stop: () => Promise<void>; runner: Runner }

/**
 * Runs the one queue of the product. Every process running this beats in `worker_heartbeats`
 * so /api/health can tell whether any worker is alive.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<WorkerHandle> {
  const pgPool = new pg.Pool({
    connectionString: databaseUrl(),
    max: (options.concurrency ?? 4) + 2,
  })
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const beat = () =>
    pgPool.query(
      `INSERT INTO worker_heartbeats (worker_id, hostname, started_at, beat_at)
       VALUES ($1, $2, now(), now())
       ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`,
      [id, os.hostname()],
    )
  await beat()
  const runner = await run({
    pgPool,
    taskList,
    crontab,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: 1000,
  })
  const timer = setInterval(() => {
    beat().catch((err: unknown) => logger.error({ msg: 'worker heartbeat failed', err }))
  }, HEARTBEAT_INTERVAL_MS)
  timer.unref()

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer)
      await runner.stop()
      await pgPool.query('DELETE FROM worker_heartbeats WHERE worker_id = $1', [id])
      await pgPool.end()
    })()
    return stopping
  }
  return { id, stop, runner }
}
