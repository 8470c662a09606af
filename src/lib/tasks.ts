import { z } from 'zod'

import { mailMessageSchema } from '@/schemas/mail'

type Entry<S extends z.ZodType> = {
  schema: S
  maxAttempts: number
  /** The job key, when one job per subject may exist at a time (always starts with the task name). */
  jobKey?: (payload: z.infer<S>) => string
}

const entry = <S extends z.ZodType>(value: Entry<S>) => value

const noPayload = z.object({}).loose()

const fanoutPayload = z.object({
  eventId: z.number().int(),
  endpointId: z.number().int().optional(),
})

/**
 * Every task of the one queue: its payload schema, how often graphile-worker retries it and its
 * job key. Producers go through src/lib/queue.ts, which validates against this table, so a task
 * name, a payload shape and a job key are each written once, here.
 */
export const catalog = {
  mail__send: entry({ schema: mailMessageSchema, maxAttempts: 12 }),
  invitation__prune: entry({ schema: noPayload, maxAttempts: 3 }),
  session__prune: entry({ schema: noPayload, maxAttempts: 3 }),
  usage__rollup: entry({ schema: noPayload, maxAttempts: 3 }),
  usage__prune: entry({ schema: noPayload, maxAttempts: 3 }),
  // Hands an outbox event to each consumer (webhooks, notifications), each exactly once.
  event__fanout: entry({
    schema: fanoutPayload,
    maxAttempts: 25,
    jobKey: ({ eventId }) => `event__fanout:${eventId}`,
  }),
  // The former name of event__fanout: jobs queued before the rename still run.
  webhook__fanout: entry({ schema: fanoutPayload, maxAttempts: 25 }),
  // Daily: one mail per person with notifications waiting for their digest.
  notification__digest: entry({ schema: noPayload, maxAttempts: 3 }),
  // Daily: api_key.expiring for keys that expire within 7 days.
  key__expiring: entry({ schema: noPayload, maxAttempts: 3 }),
  // Retries follow the webhook schedule through new jobs (run_at), not graphile's backoff.
  webhook__deliver: entry({
    schema: z.object({ deliveryId: z.number().int() }),
    maxAttempts: 3,
    jobKey: ({ deliveryId }) => `webhook__deliver:${deliveryId}`,
  }),
  webhook__recover: entry({ schema: noPayload, maxAttempts: 1 }),
  // One automatic check of a status component; it schedules its own next run (one job per
  // check: the key). A failed run is not retried: the next one is due soon, and
  // status__schedule revives a check whose chain broke.
  status__check: entry({
    schema: z.object({ componentId: z.number().int(), checkId: z.string().min(1).max(40) }),
    maxAttempts: 1,
    jobKey: ({ componentId, checkId }) => `status__check:${componentId}:${checkId}`,
  }),
  // Every minute: every enabled check has its job (a backstop for broken chains).
  status__schedule: entry({ schema: noPayload, maxAttempts: 1 }),
  // Every minute: maintenance starts and completes on schedule.
  status__maintenance: entry({ schema: noPayload, maxAttempts: 3 }),
  // Daily: check results older than the 90 days the page shows (and a margin) go.
  status__prune: entry({ schema: noPayload, maxAttempts: 3 }),
  // The safety scan of one uploaded model file (one job per file).
  model__scan: entry({
    schema: z.object({ fileId: z.number().int() }),
    maxAttempts: 5,
    jobKey: ({ fileId }) => `model__scan:${fileId}`,
  }),
  // Hourly: trending scores from the download roll-up; old count marks pruned.
  model__rollup: entry({ schema: noPayload, maxAttempts: 3 }),
  // One account's data export: the archive, then the mail with its link (one job per export).
  account__export: entry({
    schema: z.object({ exportId: z.number().int() }),
    maxAttempts: 5,
    jobKey: ({ exportId }) => `account__export:${exportId}`,
  }),
  // Hourly: accounts past their deletion grace period are anonymised; old exports dropped.
  account__purge: entry({ schema: noPayload, maxAttempts: 3 }),
  // Monthly (checked hourly): each billing account's invoice for its finished period.
  billing__invoice: entry({ schema: noPayload, maxAttempts: 3 }),
  // Hourly: uploads unfinished for a day are aborted (their parts freed, the rows gone).
  model__abandoned: entry({ schema: noPayload, maxAttempts: 3 }),
  // The GitHub facts of one showcase project (on a new repository, and daily).
  showcase__github: entry({
    schema: z.object({ projectId: z.number().int() }),
    maxAttempts: 3,
    jobKey: ({ projectId }) => `showcase__github:${projectId}`,
  }),
  // Daily: a showcase__github job for each project whose facts are a day old.
  showcase__github_refresh: entry({ schema: noPayload, maxAttempts: 3 }),
}

export type TaskName = keyof typeof catalog
export type TaskPayload<T extends TaskName> = z.infer<(typeof catalog)[T]['schema']>

/**
 * Tasks that run on their own runner, so that slow receivers can never take the slots that
 * mail, roll-ups and fan-out need (see src/worker/index.ts).
 */
export const DELIVERY_TASKS = ['webhook__deliver'] as const satisfies TaskName[]

/**
 * The status page's checks (up to a minute each against a target that hangs) run on a runner of
 * their own too: during an outage the incident mail must not wait behind them.
 */
export const CHECK_TASKS = ['status__check'] as const satisfies TaskName[]
