import os from 'node:os'
import { randomUUID } from 'node:crypto'

import { run, type Runner, type TaskList } from 'graphile-worker'
import pg from 'pg'

import { databaseUrl } from '@/lib/defaults'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'

import { CHECK_TASKS, DELIVERY_TASKS } from '@/lib/tasks'
import { HEARTBEAT_INTERVAL_MS } from '@/lib/heartbeat'

import { account__export } from './tasks/account__export'
import { account__purge } from './tasks/account__purge'
import { billing__invoice } from './tasks/billing__invoice'
import { invitation__prune } from './tasks/invitation__prune'
import { event__fanout } from './tasks/event__fanout'
import { key__expiring } from './tasks/key__expiring'
import { mail__send } from './tasks/mail__send'
import { model__abandoned } from './tasks/model__abandoned'
import { model__rollup } from './tasks/model__rollup'
import { model__scan } from './tasks/model__scan'
import { notification__digest } from './tasks/notification__digest'
import { session__prune } from './tasks/session__prune'
import { showcase__github } from './tasks/showcase__github'
import { showcase__github_refresh } from './tasks/showcase__github_refresh'
import { status__check } from './tasks/status__check'
import { status__maintenance } from './tasks/status__maintenance'
import { status__prune } from './tasks/status__prune'
import { status__schedule } from './tasks/status__schedule'
import { usage__prune } from './tasks/usage__prune'
import { usage__rollup } from './tasks/usage__rollup'
import { webhook__deliver } from './tasks/webhook__deliver'
import { webhook__recover } from './tasks/webhook__recover'

export const taskList: TaskList = {
  mail__send,
  invitation__prune,
  session__prune,
  usage__rollup,
  usage__prune,
  event__fanout,
  // Jobs queued under the fan-out's former name.
  webhook__fanout: event__fanout,
  webhook__deliver,
  notification__digest,
  key__expiring,
  webhook__recover,
  status__check,
  status__schedule,
  status__maintenance,
  status__prune,
  model__scan,
  model__rollup,
  account__export,
  account__purge,
  billing__invoice,
  model__abandoned,
  showcase__github,
  showcase__github_refresh,
}

/** Periodic work: graphile-worker's crontab (minute hour day month weekday task ?opts). */
export const crontab = [
  '17 3 * * * invitation__prune ?max=1',
  '23 3 * * * session__prune ?max=1',
  '* * * * * usage__rollup ?max=1&jobKey=usage__rollup',
  '41 3 * * * usage__prune ?max=1',
  '* * * * * webhook__recover ?max=1&jobKey=webhook__recover',
  '7 8 * * * notification__digest ?max=1&jobKey=notification__digest',
  '13 6 * * * key__expiring ?max=1&jobKey=key__expiring',
  '* * * * * status__schedule ?max=1&jobKey=status__schedule',
  '* * * * * status__maintenance ?max=1&jobKey=status__maintenance',
  '29 3 * * * status__prune ?max=1',
  '11 * * * * model__rollup ?max=1&jobKey=model__rollup',
  '37 * * * * account__purge ?max=1&jobKey=account__purge',
  '5 * * * * billing__invoice ?max=1&jobKey=billing__invoice',
  '43 * * * * model__abandoned ?max=1&jobKey=model__abandoned',
  '37 4 * * * showcase__github_refresh ?max=1&jobKey=showcase__github_refresh',
].join('\n')

const pick = (names: readonly string[], keep: boolean): TaskList =>
  Object.fromEntries(Object.entries(taskList).filter(([name]) => names.includes(name) === keep))

const APART = [...DELIVERY_TASKS, ...CHECK_TASKS]

export type WorkerHandle = { id: string; stop: () => Promise<void>; runners: Runner[] }

export type WorkerOptions = {
  /** Jobs run at once by the main runner (mail, fan-out, roll-ups, cron). */
  concurrency?: number
  /** Webhook attempts in flight at once, on a runner of their own. */
  deliveryConcurrency?: number
  /** Status checks in flight at once, on a runner of their own. */
  checkConcurrency?: number
}

/**
 * Runs the one queue of the product on three runners sharing a pool: webhook deliveries (calls
 * to receivers we do not control) on one, the status page's checks on another, everything else
 * on the third, so no number of slow receivers or hanging check targets can hold up mail or
 * roll-ups. Every process running this beats in
 * `worker_heartbeats` so /api/health can tell whether any worker is alive.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const concurrency = options.concurrency ?? 4
  const deliveryConcurrency = options.deliveryConcurrency ?? env().WEBHOOK_CONCURRENCY
  const checkConcurrency = options.checkConcurrency ?? 4
  const pgPool = new pg.Pool({
    connectionString: databaseUrl(),
    // Each runner also holds one connection to LISTEN for new jobs.
    max: concurrency + deliveryConcurrency + checkConcurrency + 5,
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
  const shared = { pgPool, noHandleSignals: true, pollInterval: 1000 }
  const runners = [
    await run({ ...shared, taskList: pick(APART, false), crontab, concurrency }),
    await run({
      ...shared,
      taskList: pick(DELIVERY_TASKS, true),
      parsedCronItems: [],
      concurrency: deliveryConcurrency,
    }),
    await run({
      ...shared,
      taskList: pick(CHECK_TASKS, true),
      parsedCronItems: [],
      concurrency: checkConcurrency,
    }),
  ]
  const timer = setInterval(() => {
    beat().catch((err: unknown) => logger.error({ msg: 'worker heartbeat failed', err }))
  }, HEARTBEAT_INTERVAL_MS)
  timer.unref()

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer)
      await Promise.all(runners.map((runner) => runner.stop()))
      await pgPool.query('DELETE FROM worker_heartbeats WHERE worker_id = $1', [id])
      await pgPool.end()
    })()
    return stopping
  }
  return { id, stop, runners }
}
