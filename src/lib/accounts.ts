import { relationId } from './relationId'

/**
 * An account — what owns keys, endpoints, events and usage — is a user or an organization.
 * This module is the one place that names and parses one, in its three spellings:
 * - `{ owner, organization }`: as documents store it (one of the two is set);
 * - `u12` / `o3`: the key of its rate limits and usage rows;
 * - `user:12` / `organization:3`: as services name it in POST /api/events.
 */
export type Account = { owner: number | null; organization: number | null }

const MAX_ID = 2_147_483_647

/** The account of a document with `owner` / `organization` relationships (ids or populated). */
export function accountOf(doc: { owner?: unknown; organization?: unknown }): Account {
  const id = (value: unknown) => (value ? Number(relationId(value)) : null)
  const organization = id(doc.organization)
  return { owner: organization ? null : id(doc.owner), organization }
}

/** `u12` / `o3`. */
export const accountKey = (account: Account) =>
  account.organization ? `o${account.organization}` : `u${account.owner}`

/** `u12` / `o3` back to an account; null when it is neither. */
export function parseAccountKey(key: string): Account | null {
  const match = /^([uo])([1-9]\d{0,9})$/.exec(key)
  if (!match || Number(match[2]) > MAX_ID) return null
  const id = Number(match[2])
  return match[1] === 'u' ? { owner: id, organization: null } : { owner: null, organization: id }
}

/** `user:12` / `organization:3`. */
export const accountName = (account: Account) =>
  account.organization ? `organization:${account.organization}` : `user:${account.owner}`

/** `user:12` / `organization:3` back to an account; null when it is neither. */
export function parseAccountName(value: string): Account | null {
  const match = /^(user|organization):([1-9]\d{0,9})$/.exec(value)
  if (!match || Number(match[2]) > MAX_ID) return null
  const id = Number(match[2])
  return match[1] === 'user' ? { owner: id, organization: null } : { owner: null, organization: id }
}

/** The id of the person behind a request's user: null for none, or for an organization's key. */
export const personId = (user: { collection?: string; id?: unknown } | null | undefined) =>
  user && user.collection === 'users' && user.id ? Number(user.id) : null
