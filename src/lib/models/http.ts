import { APIError, type PayloadRequest } from 'payload'

import { keyAllows } from '../keys/collectionScopes'
import type { Scope } from '../keys/scopes'

/**
 * Refuses an API key without `scope` (403 INSUFFICIENT_SCOPE). The model endpoints write
 * through the Local API with access already decided, so they check the key's scope themselves.
 */
export function requireKeyScope(req: PayloadRequest, scope: Scope): void {
  if (!keyAllows(req.user, scope)) {
    throw new APIError(`This API key lacks the ${scope} scope.`, 403, undefined, true)
  }
}

/** A 4xx the caller sees, naming the field at fault when there is one. */
export const refuse = (status: number, message: string, field?: string) =>
  new APIError(message, status, field ? { errors: [{ path: field, message }] } : undefined, true)

/**
 * Who a rate limit counts against: an API key by its id (every organization key acts as the
 * same principal id 0, so the user id would put all of them in one bucket), a person by id,
 * anyone else by address.
 */
export function limitSubject(req: PayloadRequest, ip?: string | null): string {
  const apiKey = (req.user as { apiKey?: { id: number } } | null)?.apiKey
  if (apiKey) return `k${apiKey.id}`
  if (req.user) return `u${req.user.id}`
  return `ip:${ip ?? 'unknown'}`
}
