import type { Task } from 'graphile-worker'

import { env } from '@/lib/env'
import { redis } from '@/lib/redis'
import { unseal } from '@/lib/secretBox'
import { parseRetryAfter, retryDelaySeconds } from '@/lib/webhooks/retry'
import { send, type SendResult } from '@/lib/webhooks/send'
import { signatureHeaders } from '@/lib/webhooks/signing'

import { catalog } from '../catalog'

/** An endpoint failing without a break for this long is disabled and its owner told. */
export const DISABLE_AFTER_MS = 5 * 86_400_000

type Row = {
  id: number
  delivery_id: string
  status: string
  attempt_count: string | number
  event_type: string
  event_created_at: Date
  data: unknown
  endpoint_id: number
  url: string
  enabled: boolean
  disabled_at: Date | null
  failing_since: Date | null
  max_per_second: string | number | null
  headers: Record<string, string> | null
  secret_sealed: string
  previous_secret_sealed: string | null
  previous_secret_expires_at: Date | null
  owner_id: number | null
  organization_id: number | null
}

/**
 * One attempt of one delivery (Standard Webhooks v1). Success: any 2xx. 410 disables the
 * endpoint. Anything else is retried on the schedule (Retry-After honoured) through a new job
 * with the same key, until the schedule runs out.
 */
export const webhook__deliver: Task = async (raw, helpers) => {
  const { deliveryId } = catalog.webhook__deliver.schema.parse(raw)
  const { rows } = await helpers.query<Row>(
    `SELECT d.id, d.delivery_id, d.status, d.attempt_count, d.event_type,
            ev.created_at AS event_created_at, ev.data,
            e.id AS endpoint_id, e.url, e.enabled, e.disabled_at, e.failing_since, e.max_per_second,
            e.headers, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at,
            e.owner_id, e.organization_id
       FROM webhook_deliveries d
       JOIN webhook_events ev ON ev.id = d.event_id
       JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.id = $1`,
    [deliveryId],
  )
  const row = rows[0]
  if (!row || row.status !== 'pending') return
  if (!row.enabled || row.disabled_at) {
    await helpers.query(
      `UPDATE webhook_deliveries SET status = 'failed', error = 'endpoint disabled',
              next_attempt_at = NULL, updated_at = now() WHERE id = $1`,
      [deliveryId],
    )
    return
  }

  // The endpoint's maximum rate: over it, this attempt waits for the next second.
  const perSecond = Number(row.max_per_second ?? 20)
  const second = Math.floor(Date.now() / 1000)
  const rateKey = `tt:wh:rate:${row.endpoint_id}:${second}`
  const sent = await redis()
    .multi()
    .incr(rateKey)
    .expire(rateKey, 2)
    .exec()
    .then((result) => Number(result?.[0]?.[1] ?? 0))
    .catch(() => 0)
  if (sent > perSecond) {
    await helpers.addJob(
      'webhook__deliver',
      { deliveryId },
      {
        jobKey: `webhook__deliver:${deliveryId}`,
        runAt: new Date((second + 1) * 1000 + Math.floor(Math.random() * 250)),
        maxAttempts: catalog.webhook__deliver.maxAttempts,
      },
    )
    return
  }

  const timestamp = Math.floor(Date.now() / 1000)
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
    const secrets = [unseal(row.secret_sealed)]
    if (
      row.previous_secret_sealed &&
      row.previous_secret_expires_at &&
      new Date(row.previous_secret_expires_at).getTime() > Date.now()
    ) {
      secrets.push(unseal(row.previous_secret_sealed))
    }
    headers = {
      ...headers,
      'content-type': 'application/json',
      'user-agent': 'TuneTrail-Webhooks/1.0',
      ...signatureHeaders(secrets, row.delivery_id, timestamp, body),
    }
    result = await send(row.url, headers, body, {
      allowLoopback: env().WEBHOOK_ALLOW_LOOPBACK,
      timeoutMs: env().WEBHOOK_TIMEOUT_MS,
    })
  } catch (err) {
    // Whatever went wrong is this attempt's failure, retried on the schedule like any other.
    result = { durationMs: 0, error: err instanceof Error ? err.message : String(err) }
  }
  const previousAttempts = Number(row.attempt_count)
  const attempt = previousAttempts + 1
  const isSuccess = result.status !== undefined && result.status >= 200 && result.status < 300
  const isGone = result.status === 410
  const delay =
    isSuccess || isGone
      ? null
      : retryDelaySeconds(attempt, { retryAfterSeconds: parseRetryAfter(result.retryAfter) })
  const status = isSuccess ? 'succeeded' : delay === null ? 'failed' : 'pending'
  const error =
    result.error ??
    (isSuccess ? null : isGone ? 'receiver answered 410 Gone' : `HTTP ${result.status}`)
  const nextAttemptAt = delay === null ? null : new Date(Date.now() + delay * 1000)
  const shownHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name !== 'webhook-signature'),
  )

  await helpers.withPgClient(async (client) => {
    await client.query('BEGIN')
    try {
      // Recorded only if no other attempt of this delivery (a redelivery) was recorded meanwhile.
      const { rowCount } = await client.query(
        `UPDATE webhook_deliveries
            SET status = $2, attempt_count = $3,
                attempts = attempts || jsonb_build_array(jsonb_build_object(
                  'at', now(), 'responseStatus', $4::int, 'durationMs', $5::int, 'error', $6::text)),
                request_headers = $7::jsonb, response_status = $4, response_body = $8,
                duration_ms = $5, error = $6, next_attempt_at = $9, updated_at = now()
          WHERE id = $1 AND attempt_count = $10 AND status = 'pending'`,
        [
          deliveryId,
          status,
          attempt,
          result.status ?? null,
          result.durationMs,
          error,
          JSON.stringify(shownHeaders),
          result.body ?? null,
          nextAttemptAt,
          previousAttempts,
        ],
      )
      if (rowCount === 0) {
        await client.query('ROLLBACK')
        return
      }
      if (isSuccess) {
        await client.query(
          'UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now() WHERE id = $1 AND failing_since IS NOT NULL',
          [row.endpoint_id],
        )
      } else if (isGone) {
        await client.query(
          `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(),
                  disabled_reason = 'The receiver answered 410 Gone.', updated_at = now()
            WHERE id = $1`,
          [row.endpoint_id],
        )
      } else {
        const { rows: failing } = await client.query<{ failing_since: Date }>(
          `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()), updated_at = now()
            WHERE id = $1 RETURNING failing_since`,
          [row.endpoint_id],
        )
        const since = failing[0]?.failing_since
        if (since && Date.now() - new Date(since).getTime() > DISABLE_AFTER_MS) {
          await client.query(
            `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(),
                    disabled_reason = 'Every delivery failed for 5 days.', updated_at = now()
              WHERE id = $1`,
            [row.endpoint_id],
          )
          // The owner, or the owners and admins of the endpoint's organization.
          const { rows: recipients } = await client.query<{ email: string }>(
            `SELECT u.email FROM users u WHERE u.id = $1
             UNION
             SELECT u.email FROM organizations_members m JOIN users u ON u.id = m.user_id
              WHERE m._parent_id = $2 AND m.role IN ('owner', 'admin')`,
            [row.owner_id, row.organization_id],
          )
          for (const { email } of recipients) {
            const mail = catalog.mail__send.schema.parse({
              to: email,
              subject: 'A TuneTrail webhook endpoint was disabled',
              html: `<p>Deliveries to ${escapeHtml(row.url)} failed for 5 days, so the endpoint was disabled. Fix the receiver, then re-enable it under Settings → Webhooks.</p>`,
            })
            await client.query(
              `SELECT graphile_worker.add_job('mail__send', $1::json, max_attempts => $2::int)`,
              [JSON.stringify(mail), catalog.mail__send.maxAttempts],
            )
          }
        }
      }
      if (nextAttemptAt) {
        await client.query(
          `SELECT graphile_worker.add_job('webhook__deliver', json_build_object('deliveryId', $1::int),
                    job_key => 'webhook__deliver:' || $1, run_at => $2::timestamptz, max_attempts => $3::int)`,
          [deliveryId, nextAttemptAt, catalog.webhook__deliver.maxAttempts],
        )
      }
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK')
      throw err
    }
  })
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
