/**
 * One vocabulary for what happened to a call, used by the usage chart, cards and tables alike:
 * allowed (VALID), rate limited (a limit or quota said no) or refused (the key itself was not
 * good enough: unknown, revoked, expired, missing scope, address not allowed).
 */
export const RATE_LIMITED_CODES = ['RATE_LIMITED', 'USAGE_EXCEEDED'] as const

export type OutcomeGroup = 'allowed' | 'limited' | 'refused'

export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  allowed: 'Allowed',
  limited: 'Rate limited',
  refused: 'Refused',
}

export function outcomeGroup(code: string): OutcomeGroup {
  if (code === 'VALID') return 'allowed'
  return (RATE_LIMITED_CODES as readonly string[]).includes(code) ? 'limited' : 'refused'
}

/** SQL for the codes counted as rate limited (constants, safe to inline). */
export const RATE_LIMITED_SQL = `(${RATE_LIMITED_CODES.map((code) => `'${code}'`).join(', ')})`
