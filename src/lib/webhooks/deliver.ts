import type { PoolClient } from 'pg'

import { env } from '../env'
import { accountOf } from '../accounts'
import type { Queryable } from '../db'
import { publishEvent } from '../events/publish'
import { logger } from '../logger'
import { announceTopics, endpointTopic } from '../notifications/live'
import { enqueueOn } from '../queue'
import type { RedisStore } from '../redis'
import { unseal } from '../secretBox'
import { parseRetryAfter, retryDelaySeconds } from './retry'
import { send, type SendResult } from './send'
import { signatureHeaders } from './signing'

/** An endpoint failing without a break for this long is disabled and its owner told. */
export const DISABLE_AFTER_MS = 5 * 86_400_000

/** Attempts a delivery keeps in its log (the count goes on: `attempt_count`). */
export const ATTEMPTS_KEPT = 20

/** How the log shows the value of an endpoint's own header. */
export const HIDDEN_VALUE = '••••••'
/** Attempts in flight to one endpoint at once: a slow receiver holds at most this many workers. */
export const MAX_IN_FLIGHT_PER_ENDPOINT = 4
/** Attempts in flight for one account's endpoints together: no tenant takes every worker. */
export const MAX_IN_FLIGHT_PER_ACCOUNT = 4
/** Beyond the attempt's deadline, how long its lease lasts (signing, recording, a slow database). */
const LEASE_MARGIN_MS = 30_000
/** Of each attempt's response body, what its log entry keeps (the delivery keeps the last 4 KB). */
const ATTEMPT_BODY_CHARS = 1000
/** Advisory-lock class under which claims for one account are serialised. */
const ACCOUNT_LOCK_CLASS = 740_611

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

export type DeliveryDeps = {
  withClient: WithClient
  redis: RedisStore
  timeoutMs?: number
  allowLoopback?: boolean
  now?: () => number
}

type Row = {
  id: number
  delivery_id: string
  attempt_count: string | number
  event_type: string
  event_created_at: Date
  is_test: boolean
  data: unknown
  endpoint_id: number
  url: string
  enabled: boolean
  disabled_at: Date | null
  max_per_second: string | number | null
  headers: Record<string, string> | null
  secret_sealed: string
  previous_secret_sealed: string | null
  previous_secret_expires_at: Date | null
  owner_id: number | null
  organization_id: number | null
}

export type Claim =
  | { kind: 'claimed'; row: Row }
  /** Gone, or no longer pending (succeeded, failed for good). */
  | { kind: 'done' }
  /** Another attempt of this delivery is in flight and owns it until `until`. */
  | { kind: 'in-flight'; until: Date }
  /** The endpoint, or its account, has as many attempts in flight as it may. */
  | { kind: 'endpoint-busy' }

/**
 * Takes the delivery's lease for one attempt. The lease is what keeps a job released by the
 * recovery task (or queued twice) from sending the same delivery twice at once, and counting
 * leases per endpoint and per account is what keeps one slow receiver, or one tenant's many,
 * from taking every worker.
 */
export async function claimDelivery(
  withClient: WithClient,
  deliveryId: number,
  leaseMs: number,
): Promise<Claim> {
  const claimed = await withClient(async (client) => {
    await client.query('BEGIN')
    try {
      const { rows } = await client.query<{ endpoint_id: number; account: string }>(
        `SELECT endpoint_id, account, pg_advisory_xact_lock($2, hashtext(account))
           FROM (SELECT endpoint_id, COALESCE('o' || organization_id, 'u' || owner_id) AS account
                   FROM webhook_deliveries
                  WHERE id = $1 AND status = 'pending' AND endpoint_id IS NOT NULL) d`,
        [deliveryId, ACCOUNT_LOCK_CLASS],
      )
      const target = rows[0]
      if (!target) {
        await client.query('ROLLBACK')
        return { kind: 'done' } as const
      }
      const { rows: state } = await client.query<{
        leased: Date | null
        endpoint: number
        account: number
      }>(
        `SELECT (SELECT lease_until FROM webhook_deliveries WHERE id = $1 AND lease_until > now())
                  AS leased,
                count(*) FILTER (WHERE endpoint_id = $2)::int AS endpoint,
                count(*)::int AS account
           FROM webhook_deliveries
          WHERE lease_until > now() AND id <> $1
            AND COALESCE('o' || organization_id, 'u' || owner_id) = $3`,
        [deliveryId, target.endpoint_id, target.account],
      )
      const { leased, endpoint, account } = state[0]
      const verdict = leased
        ? ({ kind: 'in-flight', until: new Date(leased) } as const)
        : endpoint >= MAX_IN_FLIGHT_PER_ENDPOINT || account >= MAX_IN_FLIGHT_PER_ACCOUNT
          ? ({ kind: 'endpoint-busy' } as const)
          : ({ kind: 'claimed' } as const)
      if (verdict.kind === 'claimed') {
        await client.query(
          `UPDATE webhook_deliveries SET lease_until = now() + make_interval(secs => $2::float / 1000)
            WHERE id = $1`,
          [deliveryId, leaseMs],
        )
      }
      await client.query('COMMIT')
      return verdict
    } catch (err) {
      await client.query('ROLLBACK')
      throw err
    }
  })
  if (claimed.kind !== 'claimed') return claimed
  const row = await withClient(async (client) => {
    const { rows } = await client.query<Row>(
      `SELECT d.id, d.delivery_id, d.attempt_count, d.event_type,
              ev.created_at AS event_created_at, ev.data, ev.is_test,
              e.id AS endpoint_id, e.url, e.enabled, e.disabled_at, e.max_per_second,
              e.headers, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at,
              e.owner_id, e.organization_id
         FROM webhook_deliveries d
         JOIN webhook_events ev ON ev.id = d.event_id
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    )
    return rows[0]
  })
  return row ? { kind: 'claimed', row } : { kind: 'done' }
}

/** A deadline in milliseconds after `now`, with up to 250 ms of jitter. */
const soon = (now: number, ms: number) => new Date(now + ms + Math.floor(Math.random() * 250))

/** Counts this second's sends to the endpoint; true when over its maximum rate. */
async function isOverRate(redis: RedisStore, row: Row, now: number): Promise<boolean> {
  const perSecond = Number(row.max_per_second ?? 20)
  const rateKey = `tt:wh:rate:${row.endpoint_id}:${Math.floor(now / 1000)}`
  const sent = await redis
    .multi()
    .incr(rateKey)
    .expire(rateKey, 2)
    .exec()
    .then((result) => Number(result?.[0]?.[1] ?? 0))
    .catch(() => 0)
  return sent > perSecond
}

function secretsOf(row: Row, now: number): string[] {
  const secrets = [unseal(row.secret_sealed)]
  const previousUntil = row.previous_secret_expires_at
  if (row.previous_secret_sealed && previousUntil && new Date(previousUntil).getTime() > now) {
    secrets.push(unseal(row.previous_secret_sealed))
  }
  return secrets
}

export type Verdict = {
  status: 'succeeded' | 'failed' | 'pending'
  error: string | null
  nextAttemptAt: Date | null
  isGone: boolean
}

/** What an attempt's result means: succeeded (2xx), gone (410), retried, or failed for good. */
export function judgeAttempt(result: SendResult, attempt: number, now: number): Verdict {
  const isSuccess = result.status !== undefined && result.status >= 200 && result.status < 300
  const isGone = result.status === 410
  const delay =
    isSuccess || isGone
      ? null
      : retryDelaySeconds(attempt, { retryAfterSeconds: parseRetryAfter(result.retryAfter, now) })
  return {
    status: isSuccess ? 'succeeded' : delay === null ? 'failed' : 'pending',
    error: isSuccess
      ? null
      : (result.error ?? (isGone ? 'receiver answered 410 Gone' : `HTTP ${result.status}`)),
    nextAttemptAt: delay === null ? null : new Date(now + delay * 1000),
    isGone,
  }
}

/**
 * One attempt of one delivery (Standard Webhooks v1), from claim to record: the lease, the
 * endpoint's rate, signing, the POST under a deadline, then the outcome and the next attempt in
 * one transaction. Returns what happened, for logs and tests.
 */
export async function attemptDelivery(
  deliveryId: number,
  deps: DeliveryDeps,
): Promise<Claim['kind'] | 'disabled' | 'rate-limited' | Verdict['status']> {
  const now = deps.now ?? Date.now
  const timeoutMs = deps.timeoutMs ?? env().WEBHOOK_TIMEOUT_MS
  const claim = await claimDelivery(deps.withClient, deliveryId, timeoutMs + LEASE_MARGIN_MS)
  // Not now: the job comes back when a slot frees up, or when the other attempt's lease ends
  // (if that attempt finishes first, it replaces this job with its own next attempt, if any).
  if (claim.kind === 'endpoint-busy' || claim.kind === 'in-flight') {
    const runAt = claim.kind === 'in-flight' ? soon(claim.until.getTime(), 0) : soon(now(), 1000)
    await deps.withClient((client) =>
      enqueueOn(client, 'webhook__deliver', [{ deliveryId }], { runAt }),
    )
  }
  if (claim.kind !== 'claimed') return claim.kind
  const { row } = claim

  if (!row.enabled || row.disabled_at) {
    await deps.withClient((client) =>
      client.query(
        `UPDATE webhook_deliveries SET status = 'failed', error = 'endpoint disabled',
                next_attempt_at = NULL, lease_until = NULL, updated_at = now() WHERE id = $1`,
        [deliveryId],
      ),
    )
    return 'disabled'
  }
  if (await isOverRate(deps.redis, row, now())) {
    await deps.withClient(async (client) => {
      await client.query('UPDATE webhook_deliveries SET lease_until = NULL WHERE id = $1', [
        deliveryId,
      ])
      await enqueueOn(client, 'webhook__deliver', [{ deliveryId }], {
        runAt: soon(Math.floor(now() / 1000) * 1000, 1000),
      })
    })
    return 'rate-limited'
  }

  const timestamp = Math.floor(now() / 1000)
  const body = JSON.stringify({
    event: row.event_type,
    timestamp: new Date(row.event_created_at).toISOString(),
    data: row.data,
    webhook_id: String(row.endpoint_id),
    delivery_id: row.delivery_id,
  })
  let headers: Record<string, string> = { ...(row.headers ?? {}) }
  let result: SendResult
  try {
    headers = {
      ...headers,
      'content-type': 'application/json',
      'user-agent': 'TuneTrail-Webhooks/1.0',
      ...signatureHeaders(secretsOf(row, now()), row.delivery_id, timestamp, body),
    }
    result = await send(row.url, headers, body, {
      allowLoopback: deps.allowLoopback ?? env().WEBHOOK_ALLOW_LOOPBACK,
      timeoutMs,
    })
  } catch (err) {
    // Whatever went wrong is this attempt's failure, retried on the schedule like any other.
    result = { durationMs: 0, error: err instanceof Error ? err.message : String(err) }
  }
  const previousAttempts = Number(row.attempt_count)
  const verdict = judgeAttempt(result, previousAttempts + 1, now())
  // What the log shows of the request: no signature, and the endpoint's own headers by name
  // only (they often carry a token, and the log outlives a change of it).
  const customNames = new Set(Object.keys(row.headers ?? {}).map((name) => name.toLowerCase()))
  const shownHeaders = Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name !== 'webhook-signature')
      .map(([name, value]) => [name, customNames.has(name.toLowerCase()) ? HIDDEN_VALUE : value]),
  )
  await deps.withClient((client) =>
    recordAttempt(client, row, previousAttempts, result, verdict, shownHeaders),
  )
  await announceTopics([endpointTopic(row.endpoint_id)]).catch((err: unknown) =>
    logger.debug({ msg: 'delivery not announced', err: String(err) }),
  )
  return verdict.status
}

async function recordAttempt(
  client: PoolClient,
  row: Row,
  previousAttempts: number,
  result: SendResult,
  verdict: Verdict,
  shownHeaders: Record<string, string>,
) {
  await client.query('BEGIN')
  try {
    // Recorded only if no other attempt of this delivery (a redelivery) was recorded meanwhile.
    const { rowCount } = await client.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempt_count = $3,
              -- The latest attempts only: redeliveries cannot grow a row without end.
              attempts = (SELECT COALESCE(jsonb_agg(kept.e ORDER BY kept.i), '[]'::jsonb)
                FROM (SELECT t.e, t.i
                        FROM jsonb_array_elements(attempts || jsonb_build_array(jsonb_build_object(
                               'at', now(), 'responseStatus', $4::int, 'durationMs', $5::int,
                               'error', $6::text, 'requestHeaders', $7::jsonb,
                               'responseHeaders', $11::jsonb,
                               'responseBody', left($8::text, $12::int))))
                             WITH ORDINALITY AS t(e, i)
                       ORDER BY t.i DESC LIMIT $13) kept),
              request_headers = $7::jsonb, response_status = $4, response_body = $8,
              duration_ms = $5, error = $6, next_attempt_at = $9, lease_until = NULL,
              updated_at = now()
        WHERE id = $1 AND attempt_count = $10 AND status = 'pending'`,
      [
        row.id,
        verdict.status,
        previousAttempts + 1,
        result.status ?? null,
        result.durationMs,
        verdict.error,
        JSON.stringify(shownHeaders),
        result.body ?? null,
        verdict.nextAttemptAt,
        previousAttempts,
        result.headers ? JSON.stringify(result.headers) : null,
        ATTEMPT_BODY_CHARS,
        ATTEMPTS_KEPT,
      ],
    )
    if (rowCount === 0) {
      await client.query('ROLLBACK')
      return
    }
    if (verdict.status === 'succeeded') {
      await client.query(
        `UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now()
          WHERE id = $1 AND failing_since IS NOT NULL`,
        [row.endpoint_id],
      )
    } else if (!row.is_test) {
      // (A test event is the developer trying their receiver: its failure shows on the endpoint
      // page and does not count against the endpoint's health.)
      await recordFailure(client, row, verdict)
    }
    if (verdict.nextAttemptAt) {
      await enqueueOn(client, 'webhook__deliver', [{ deliveryId: row.id }], {
        runAt: verdict.nextAttemptAt,
      })
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  }
}

/** A real delivery failed: the endpoint is failing since now (or earlier), or gone. */
async function recordFailure(client: PoolClient, row: Row, verdict: Verdict) {
  if (verdict.isGone) {
    await disableEndpoint(client, row, 'The receiver answered 410 Gone.')
    return
  }
  const { rows: failing } = await client.query<{ failing_since: Date }>(
    `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()), updated_at = now()
      WHERE id = $1 RETURNING failing_since`,
    [row.endpoint_id],
  )
  const since = failing[0]?.failing_since
  if (since && Date.now() - new Date(since).getTime() > DISABLE_AFTER_MS) {
    await disableEndpoint(client, row, 'Every delivery failed for 5 days.')
  }
}

/** Disables the endpoint, and tells its account (a notification, by mail if they want). */
async function disableEndpoint(client: Queryable, row: Row, reason: string) {
  await client.query(
    `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = $2,
            updated_at = now()
      WHERE id = $1`,
    [row.endpoint_id, reason],
  )
  await publishEvent(client, {
    type: 'webhook_endpoint.disabled',
    account: accountOf({ owner: row.owner_id, organization: row.organization_id }),
    data: { endpoint_id: row.endpoint_id, url: row.url, reason },
  })
}
