import type { KeyAccess } from './operations'

/**
 * The playground's dry run: `POST /api/keys/dry-run` asks the verifier what code a key would get
 * for an operation's scope, counting nothing (no rate window, no usage, no last-used time).
 */
export const DRY_RUN_PATH = '/api/keys/dry-run'

export type DryRunCode =
  | 'VALID'
  | 'NOT_FOUND'
  | 'REVOKED'
  | 'EXPIRED'
  | 'INSUFFICIENT_SCOPE'
  | 'IP_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'USAGE_EXCEEDED'

export type DryRunAnswer = {
  valid: boolean
  code: DryRunCode
  keyId?: number
  environment?: string
  scopes?: string[]
  ratelimit?: { limit: number; remaining: number; reset: number; window: string; resource: string }
}

/** The body asking about `key` for an operation: its scope when it needs one. */
export function dryRunBody(key: string, access: KeyAccess): { key: string; scope?: string } {
  return access.kind === 'scope' ? { key, scope: access.scope } : { key }
}

/** What each code means for the reader, and what to do about it. */
export const DRY_RUN_MEANINGS: Record<DryRunCode, string> = {
  VALID: 'The key would be accepted for this operation.',
  NOT_FOUND: 'No such key among yours: check that it was copied whole and belongs to you.',
  REVOKED: 'The key was revoked: create a new one.',
  EXPIRED: 'The key has expired: create a new one or rotate it before it expires next time.',
  INSUFFICIENT_SCOPE:
    'The key is valid but lacks the scope this operation needs: create a key with that scope.',
  IP_NOT_ALLOWED: 'Your address is not on the key’s IP allowlist.',
  RATE_LIMITED: 'The key has used up its requests for the current window: wait for the reset.',
  USAGE_EXCEEDED: 'The plan’s quota for this period is used up.',
}

/** Whether a dry run can say anything for this operation (keys refused: it cannot). */
export const canDryRun = (access: KeyAccess) => access.kind !== 'none'
