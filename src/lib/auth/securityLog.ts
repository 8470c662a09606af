import { AuthenticationError, LockedAuth, type PayloadRequest, type Where } from 'payload'

import type { AuditAction } from '@collections/AuditLogs'

import { requestIp } from '../requestIp'

/** The audit actions an account reads in its security log, besides its own key actions. */
export const SECURITY_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_generated',
  'auth.recovery_code_used',
  'auth.passkey_added',
  'auth.passkey_renamed',
  'auth.passkey_removed',
  'auth.password_changed',
  'auth.email_changed',
  'auth.session_ended',
] as const satisfies readonly AuditAction[]

export type SecurityAction = (typeof SECURITY_ACTIONS)[number]

type Req = Pick<PayloadRequest, 'payload' | 'transactionID' | 'context' | 'headers' | 'user'>

/** The browser of a request, as the log keeps it (a long header is cut). */
export const userAgentOf = (
  req: Pick<PayloadRequest, 'headers'> & Partial<Pick<PayloadRequest, 'context'>>,
): string | null => {
  const fromContext = req.context?.userAgent
  const value =
    typeof fromContext === 'string' && fromContext ? fromContext : req.headers?.get('user-agent')
  return value ? value.slice(0, 300) : null
}

/**
 * Writes one event to an account's security log (the audit log, owned by the account): what
 * happened, from which address and browser. `details` must never hold a secret.
 */
export async function logSecurityEvent(
  req: Req,
  event: {
    action: SecurityAction | AuditAction
    userId: number | string
    summary: string
    details?: Record<string, unknown>
    /** Who did it, when not the account itself (staff). */
    actorId?: number | string
  },
): Promise<void> {
  await req.payload.create({
    collection: 'audit-logs',
    data: {
      action: event.action,
      summary: event.summary,
      actor: Number(event.actorId ?? event.userId),
      owner: Number(event.userId),
      ip: requestIp(req),
      userAgent: userAgentOf(req),
      changes: event.details ?? null,
    },
    overrideAccess: true,
    req: req as PayloadRequest,
  })
}

/**
 * What an account reads in its security log: its own security events, and what it did to keys
 * and webhooks (of its own or of organizations it manages).
 */
export const securityLogWhere = (userId: number | string): Where => ({
  or: [
    {
      and: [{ owner: { equals: Number(userId) } }, { action: { in: [...SECURITY_ACTIONS] } }],
    },
    {
      and: [{ actor: { equals: Number(userId) } }, { action: { not_in: [...SECURITY_ACTIONS] } }],
    },
  ],
})

/**
 * A login refused for a wrong password (or a locked account) lands in that account's log, with
 * the address and browser that tried. Unknown emails log nothing: there is no account to tell.
 * Never throws: the refusal itself is what the caller answers.
 */
export async function recordFailedLogin(req: Req, email: string, error: unknown): Promise<void> {
  // Duck-typed too: Next may bundle Payload's error classes apart from the instances thrown.
  const name = (error as { name?: string } | null)?.name
  const isLocked = error instanceof LockedAuth || name === 'LockedAuth'
  if (!(error instanceof AuthenticationError || name === 'AuthenticationError') && !isLocked) return
  if (!email) return
  try {
    const { docs } = await req.payload.find({
      collection: 'users',
      where: { email: { equals: email.trim().toLowerCase() } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      select: { email: true },
    })
    if (!docs[0]) return
    await logSecurityEvent(
      { ...req, transactionID: undefined },
      {
        action: 'auth.login_failed',
        userId: docs[0].id,
        summary: isLocked
          ? 'Failed login: the account is locked after too many wrong passwords'
          : 'Failed login: wrong password',
        details: { method: 'password' },
      },
    )
  } catch (err) {
    req.payload.logger.warn({ msg: 'failed login not logged', err: String(err) })
  }
}
