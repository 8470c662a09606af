import type { Pool } from 'pg'
import type { z } from 'zod'

import { errorAnswer, type HttpAnswer } from '@/lib/api/errors'
import { firstIssue, usageBatchSchema, verifyRequestSchema } from '@/schemas/keys'

import { accountKey } from '../accounts'
import { insertUsageEvents, type UsageEvent } from '../usage/events'
import type { Scope } from './scopes'
import type { Verifier } from './verifier'

export type { HttpAnswer }

const error = errorAnswer

const bearer = (authorization: string | null | undefined) =>
  authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]

/**
 * Authenticates a TuneTrail service by its own key, which must hold `scope`. The caller's key
 * is checked without being metered: service traffic is not the account's API usage.
 */
export async function authorizeService(
  verifier: Verifier,
  authorization: string | null | undefined,
  scope: Scope,
  ip: string | undefined,
): Promise<HttpAnswer | { keyId: number }> {
  const key = bearer(authorization)
  if (!key)
    return error(401, 'UNAUTHENTICATED', 'Send a service key as Authorization: Bearer <key>.')
  const result = await verifier.verify({ key, scope, ip }, { isMetered: false })
  if (result.code === 'INSUFFICIENT_SCOPE') {
    return error(403, result.code, `This key does not hold the ${scope} scope.`)
  }
  if (!result.valid) return error(401, result.code, `The service key was refused (${result.code}).`)
  return { keyId: result.keyId as number }
}

function parseJson(body: string): { value?: unknown; answer?: HttpAnswer } {
  try {
    return { value: JSON.parse(body) }
  } catch {
    return { answer: error(400, 'INVALID_BODY', 'The body must be JSON.', 'body') }
  }
}

/** A JSON body checked with `schema`: its data, or the 400 naming the field. */
export function parseBody<T extends z.ZodType>(
  rawBody: string,
  schema: T,
): { data: z.infer<T>; answer?: undefined } | { answer: HttpAnswer } {
  const json = parseJson(rawBody)
  if (json.answer) return { answer: json.answer }
  const parsed = schema.safeParse(json.value)
  if (parsed.success) return { data: parsed.data }
  const { field, message } = firstIssue(parsed.error)
  return { answer: error(400, 'INVALID_REQUEST', message, field) }
}

/** POST /verify: always 200 with a verdict once the caller itself is allowed. */
export async function handleVerify(
  verifier: Verifier,
  authorization: string | null | undefined,
  rawBody: string,
  callerIp: string | undefined,
): Promise<HttpAnswer> {
  const caller = await authorizeService(verifier, authorization, 'keys:verify', callerIp)
  if ('status' in caller) return caller
  const body = parseBody(rawBody, verifyRequestSchema)
  if (body.answer) return body.answer
  return { status: 200, body: await verifier.verify(body.data) }
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`

/** POST /api/usage: gateways report request outcomes, written before the 202. */
export async function handleUsageReport(
  verifier: Verifier,
  pool: Pick<Pool, 'query'>,
  authorization: string | null | undefined,
  rawBody: string,
  callerIp: string | undefined,
): Promise<HttpAnswer> {
  const caller = await authorizeService(verifier, authorization, 'usage:report', callerIp)
  if ('status' in caller) return caller
  const json = parseJson(rawBody)
  if (json.answer) return json.answer
  const parsed = usageBatchSchema.safeParse(json.value)
  const isBare = Array.isArray(json.value)
  // A bare array's fields are named `[3].status`, an envelope's `events[3].status`.
  const fieldName = (field: string) => (isBare ? field.replace(/^events/, '') : field)
  if (!parsed.success) {
    const field = fieldName(firstIssue(parsed.error).field)
    return error(400, 'INVALID_REQUEST', `${field}: ${firstIssue(parsed.error).message}`, field)
  }
  const reports = parsed.data.events
  const ids = [...new Set(reports.map((report) => report.keyId))]
  const { rows } = await pool.query(
    'SELECT id, owner_id, organization_id FROM api_keys WHERE id = ANY($1::int[])',
    [ids],
  )
  const accounts = new Map<number, string>(
    rows.map((row: { id: number; owner_id: number | null; organization_id: number | null }) => [
      row.id,
      accountKey({ owner: row.owner_id, organization: row.organization_id }),
    ]),
  )
  const unknown = reports.findIndex((report) => !accounts.has(report.keyId))
  if (unknown !== -1) {
    const field = fieldName(`events[${unknown}].keyId`)
    return error(422, 'UNKNOWN_KEY', `${field}: no key has id ${reports[unknown].keyId}.`, field)
  }
  const events: UsageEvent[] = reports.map((report) => ({
    occurredAt: new Date(report.timestamp),
    kind: 'report',
    keyId: report.keyId,
    account: accounts.get(report.keyId),
    code: statusClass(report.status),
    endpoint: report.endpoint,
    method: report.method,
    status: report.status,
    latencyMs: Math.round(report.latencyMs),
    region: report.region ?? null,
  }))
  await insertUsageEvents(pool, events)
  return { status: 202, body: { accepted: events.length } }
}
