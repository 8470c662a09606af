import { randomBytes } from 'node:crypto'

import type { PoolClient } from 'pg'

import type { Queryable } from '../db'
import { actionEmail, portalUrl } from '../emails'
import { logger } from '../logger'
import { mailMessageSchema } from '@/schemas/mail'
import { enqueueOn } from '../queue'
import { announceStatusChange } from './cache'
import { CHECK_DEFAULTS, describeCheck, type CheckConfig } from './checkTypes'
import { isOutage, nextState, resultKind, type ResultKind } from './evaluate'
import { probe, type InternalProbes, type ProbeResult } from './probe'
import type { AddressPolicy } from '../webhooks/ssrf'
import { COMPONENT_STATE_LABELS, type ComponentState } from './states'

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

/** A Payload array row id (24 hex characters, as Payload makes them). */
const rowId = () => randomBytes(12).toString('hex')

type LoadedCheck = { check: CheckConfig; componentName: string }

/** The check as saved now; null when it was removed, disabled or its component deleted. */
export async function loadCheck(
  q: Queryable,
  componentId: number,
  checkId: string,
): Promise<LoadedCheck | null> {
  const { rows } = await q.query<{
    id: string
    type: CheckConfig['type']
    url: string | null
    method: CheckConfig['method']
    expected_status: number | null
    body_match: string | null
    host: string | null
    port: number | null
    target: CheckConfig['target']
    interval_seconds: number
    timeout_ms: number
    degraded_above_ms: number | null
    enabled: boolean | null
    component_name: string
  }>(
    `SELECT k.id, k.type::text AS type, k.url, k.method::text AS method,
            k.expected_status::int AS expected_status, k.body_match, k.host, k.port::int AS port,
            k.target::text AS target, k.interval_seconds::int AS interval_seconds,
            k.timeout_ms::int AS timeout_ms, k.degraded_above_ms::int AS degraded_above_ms,
            k.enabled, c.name AS component_name
       FROM status_components_checks k
       JOIN status_components c ON c.id = k._parent_id
      WHERE k._parent_id = $1 AND k.id = $2`,
    [componentId, checkId],
  )
  const row = rows[0]
  if (!row || row.enabled === false) return null
  return {
    componentName: row.component_name,
    check: {
      id: row.id,
      type: row.type,
      url: row.url,
      method: row.method,
      expectedStatus: row.expected_status,
      bodyMatch: row.body_match,
      host: row.host,
      port: row.port,
      target: row.target,
      intervalSeconds: row.interval_seconds,
      timeoutMs: row.timeout_ms,
      degradedAboveMs: row.degraded_above_ms,
      enabled: row.enabled,
    },
  }
}

export type RecordOutcome = {
  previous: ComponentState
  state: ComponentState
  isChanged: boolean
  /** An incident drafted for staff (the checks reached an outage), or one auto-resolved. */
  draftedIncident?: number
  resolvedDrafts: number[]
}

/**
 * Stores one result (and its day's counts), then moves the component where its checks put it
 * unless staff set its state by hand: in one transaction, the component's row locked, so two
 * checks of one component finishing together decide one after the other. Reaching an outage
 * drafts an incident for staff to confirm (unless one is open, or maintenance is under way);
 * becoming operational again resolves the checks' own drafts nobody published.
 */
export async function recordResult(
  client: PoolClient,
  componentId: number,
  check: CheckConfig,
  result: ProbeResult,
  checkedAt = new Date(),
): Promise<RecordOutcome | null> {
  const isDegraded =
    result.ok && check.degradedAboveMs != null && result.latencyMs > check.degradedAboveMs
  await client.query('BEGIN')
  try {
    const { rows: components } = await client.query<{
      name: string
      state: ComponentState
      is_manual: boolean | null
      failures: number
      recoveries: number
    }>(
      `SELECT name, state::text AS state, is_manual, failures_to_outage::int AS failures,
              recoveries_to_operational::int AS recoveries
         FROM status_components WHERE id = $1 FOR UPDATE`,
      [componentId],
    )
    const component = components[0]
    if (!component) {
      await client.query('ROLLBACK')
      return null
    }
    await client.query(
      `WITH result AS (
         INSERT INTO status_checks (component_id, check_id, checked_at, ok, is_degraded,
                                    latency_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
       INSERT INTO status_check_days AS d (component_id, day, total, ok, degraded, latency_ms_sum,
                                           latency_count)
       SELECT component_id, (checked_at AT TIME ZONE 'UTC')::date, 1, ok::int, is_degraded::int,
              CASE WHEN ok THEN latency_ms ELSE 0 END, ok::int
         FROM result
       ON CONFLICT (component_id, day) DO UPDATE SET
         total = d.total + 1, ok = d.ok + excluded.ok, degraded = d.degraded + excluded.degraded,
         latency_ms_sum = d.latency_ms_sum + excluded.latency_ms_sum,
         latency_count = d.latency_count + excluded.latency_count`,
      [
        componentId,
        check.id,
        checkedAt.toISOString(),
        result.ok,
        isDegraded,
        result.latencyMs,
        result.error?.slice(0, 500) ?? null,
      ],
    )
    const depth = Math.max(component.failures, component.recoveries, 1)
    // Every enabled check, those without results yet too: one failing check of two that has
    // never run is a partial outage, not a major one.
    const { rows: recent } = await client.query<{
      check_id: string
      ok: boolean | null
      is_degraded: boolean | null
    }>(
      `SELECT k.id AS check_id, r.ok, r.is_degraded
         FROM status_components_checks k
         LEFT JOIN LATERAL (
           SELECT s.ok, s.is_degraded, s.checked_at FROM status_checks s
            WHERE s.component_id = k._parent_id AND s.check_id = k.id
            ORDER BY s.checked_at DESC LIMIT $2) r ON true
        WHERE k._parent_id = $1 AND k.enabled IS NOT FALSE
        ORDER BY k.id, r.checked_at DESC`,
      [componentId, depth],
    )
    const histories = new Map<string, ResultKind[]>()
    for (const row of recent) {
      const list = histories.get(row.check_id) ?? []
      if (row.ok !== null)
        list.push(resultKind({ ok: row.ok, isDegraded: Boolean(row.is_degraded) }))
      histories.set(row.check_id, list)
    }
    const previous = component.state
    const computed = nextState({
      current: previous,
      failuresToOutage: component.failures,
      recoveriesToOperational: component.recoveries,
      checks: [...histories.values()],
    })
    const state = component.is_manual ? previous : computed
    const outcome: RecordOutcome = {
      previous,
      state,
      isChanged: state !== previous,
      resolvedDrafts: [],
    }
    if (outcome.isChanged) {
      await client.query(
        `UPDATE status_components SET state = $2, state_changed_at = $3, updated_at = now()
          WHERE id = $1`,
        [componentId, state, checkedAt.toISOString()],
      )
      if (isOutage(state) && !isOutage(previous)) {
        outcome.draftedIncident = await draftIncident(client, {
          componentId,
          componentName: component.name,
          state,
          check,
          error: result.error,
          failures: component.failures,
          at: checkedAt,
        })
      } else if (state === 'operational') {
        outcome.resolvedDrafts = await resolveDrafts(client, componentId, checkedAt)
      }
    }
    await client.query('COMMIT')
    return outcome
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  }
}

/**
 * A draft incident for a component the checks put in an outage — unless an unresolved incident
 * (draft or published) already names it, or maintenance of it is under way. Nobody is told
 * until staff publish it.
 */
async function draftIncident(
  client: PoolClient,
  facts: {
    componentId: number
    componentName: string
    state: ComponentState
    check: CheckConfig
    error?: string
    failures: number
    at: Date
  },
): Promise<number | undefined> {
  const { rows: busy } = await client.query(
    `SELECT 1 FROM status_incidents i
       JOIN status_incidents_components ic ON ic._parent_id = i.id
      WHERE ic.component_id = $1 AND i.resolved_at IS NULL
     UNION ALL
     SELECT 1 FROM status_maintenances m
       JOIN status_maintenances_rels r ON r.parent_id = m.id AND r.path = 'components'
      WHERE r.status_components_id = $1 AND m.status IN ('in_progress', 'verifying')
     LIMIT 1`,
    [facts.componentId],
  )
  if (busy.length > 0) return undefined
  const at = facts.at.toISOString()
  const checkReport =
    `${describeCheck(facts.check)} failed ${facts.failures} time${facts.failures === 1 ? '' : 's'} in a row${facts.error ? `: ${facts.error}` : '.'}`.slice(
      0,
      2000,
    )
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO status_incidents (title, impact, publication, started_at, status, source,
                                   check_report, updated_at, created_at)
     VALUES ($1, $2, 'draft', $3, 'investigating', 'checks', $4, now(), now()) RETURNING id`,
    [
      `${facts.componentName}: ${COMPONENT_STATE_LABELS[facts.state].toLowerCase()}`,
      facts.state === 'major_outage' ? 'major' : 'minor',
      at,
      checkReport,
    ],
  )
  const id = rows[0].id
  // Staff hear of it at once: nobody else will until they publish it.
  const { rows: staff } = await client.query<{ email: string }>(
    `SELECT DISTINCT u.email FROM users u JOIN users_roles r ON r.parent_id = u.id
      WHERE r.value IN ('staff', 'admin') AND u._verified IS TRUE`,
  )
  // An address the mail schema refuses (Payload's check is looser) must not undo the result.
  const mailable = staff.filter(({ email }) => mailMessageSchema.shape.to.safeParse(email).success)
  await enqueueOn(
    client,
    'mail__send',
    mailable.map(({ email }) => ({
      to: email,
      subject: `[TuneTrail status] Draft incident: ${facts.componentName} is failing`,
      html: actionEmail({
        heading: `${facts.componentName}: ${COMPONENT_STATE_LABELS[facts.state].toLowerCase()}`,
        intro: `The status checks drafted an incident. Nobody outside staff sees it until you publish it. What the check reported: ${checkReport}`,
        action: 'Review the draft',
        url: portalUrl(`/admin/collections/status-incidents/${id}`),
        outro: 'You get this as staff of the TuneTrail portal.',
      }),
    })),
  )
  await client.query(
    `INSERT INTO status_incidents_components (_order, _parent_id, id, component_id, state)
     VALUES (1, $1, $2, $3, $4)`,
    [id, rowId(), facts.componentId, facts.state],
  )
  await client.query(
    `INSERT INTO status_incidents_updates (_order, _parent_id, id, status, at, notify, message)
     VALUES (1, $1, $2, 'investigating', $3, true, $4)`,
    [
      id,
      rowId(),
      at,
      // Public once staff publish it: which component, never the check's address or error.
      `Automatic checks found ${facts.componentName} failing. We are investigating.`,
    ],
  )
  return id
}

/** The checks' own unpublished drafts for this component end once it is operational again. */
async function resolveDrafts(client: PoolClient, componentId: number, at: Date): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `UPDATE status_incidents i SET status = 'resolved', resolved_at = $2, updated_at = now()
      WHERE i.publication = 'draft' AND i.source = 'checks' AND i.resolved_at IS NULL
        AND EXISTS (SELECT 1 FROM status_incidents_components ic
                     WHERE ic._parent_id = i.id AND ic.component_id = $1)
     RETURNING i.id`,
    [componentId, at.toISOString()],
  )
  for (const row of rows) {
    await client.query(
      `INSERT INTO status_incidents_updates (_order, _parent_id, id, status, at, notify, message)
       SELECT coalesce(max(_order), 0) + 1, $1, $2, 'resolved', $3, false,
              'Automatic checks pass again.'
         FROM status_incidents_updates WHERE _parent_id = $1`,
      [row.id, rowId(), at.toISOString()],
    )
  }
  return rows.map((row) => row.id)
}

export type RunDeps = { policy: AddressPolicy; internal: InternalProbes }

/**
 * One run of `status__check`: the check as saved now, its probe, the result recorded and the
 * component moved, then its next run scheduled — unless the check is gone or disabled, which
 * ends its chain. A changed state is announced so web processes refresh the page.
 */
export async function runCheck(
  withClient: WithClient,
  job: { componentId: number; checkId: string },
  deps: RunDeps,
): Promise<{ result: ProbeResult; outcome: RecordOutcome | null } | null> {
  const loaded = await withClient((client) => loadCheck(client, job.componentId, job.checkId))
  if (!loaded) return null
  const result = await probe(loaded.check, deps)
  const outcome = await withClient((client) =>
    recordResult(client, job.componentId, loaded.check, result),
  )
  const interval = loaded.check.intervalSeconds ?? CHECK_DEFAULTS.intervalSeconds
  await withClient((client) =>
    enqueueOn(client, 'status__check', [job], { runAt: new Date(Date.now() + interval * 1000) }),
  )
  if (outcome?.isChanged) {
    logger.info({
      msg: 'status component moved by its checks',
      component: loaded.componentName,
      from: outcome.previous,
      to: outcome.state,
      draftedIncident: outcome.draftedIncident,
    })
    await announceStatusChange()
  }
  return { result, outcome }
}
