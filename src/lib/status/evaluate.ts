import type { ComponentState } from './states'

/** One stored result as the state machine reads it: passed, passed but slow, failed. */
export type ResultKind = 'up' | 'slow' | 'down'

export const resultKind = (result: { ok: boolean; isDegraded: boolean }): ResultKind =>
  !result.ok ? 'down' : result.isDegraded ? 'slow' : 'up'

export type ComponentHistory = {
  current: ComponentState
  /** Consecutive failures that make an outage. */
  failuresToOutage: number
  /** Consecutive clean passes that make it operational again. */
  recoveriesToOperational: number
  /** Each enabled check's latest results, newest first. */
  checks: ResultKind[][]
}

const lastAre = (results: ResultKind[], count: number, kind: ResultKind) =>
  results.length >= count && results.slice(0, count).every((result) => result === kind)

/**
 * Where a component's automatic checks put it, from their latest results:
 * - every check failed its last N times → major outage; some did → partial outage;
 * - a check slow (over its threshold) its last N times → degraded performance;
 * - every check passed cleanly its last M times → operational;
 * - anything in between keeps the current state, so one blip neither breaks nor heals it.
 * Under maintenance is never the checks' to set or leave; a component without checks keeps its
 * state.
 */
export function nextState(history: ComponentHistory): ComponentState {
  const { checks, current } = history
  if (checks.length === 0 || current === 'under_maintenance') return current
  const failures = Math.max(1, history.failuresToOutage)
  const recoveries = Math.max(1, history.recoveriesToOperational)
  const failing = checks.filter((results) => lastAre(results, failures, 'down')).length
  if (failing === checks.length) return 'major_outage'
  if (failing > 0) return 'partial_outage'
  if (checks.some((results) => lastAre(results, failures, 'slow'))) return 'degraded_performance'
  if (checks.every((results) => lastAre(results, recoveries, 'up'))) return 'operational'
  return current
}

/** A state that calls for an incident (drafted for staff when the checks reach it). */
export const isOutage = (state: ComponentState) =>
  state === 'partial_outage' || state === 'major_outage'
