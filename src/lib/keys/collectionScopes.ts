import type { Scope } from './scopes'

/** `any`: every valid key; `none`: no key at all (sign in instead). */
export type ScopeRule = Scope | 'any' | 'none'

/**
 * Which scope an API key needs to read or write each collection over REST and GraphQL.
 * A collection missing here is closed to keys (fail closed); keys never reach /admin.
 */
export const COLLECTION_SCOPES: Record<string, { read: ScopeRule; write: ScopeRule }> = {
  // Accounts (email, password, sessions) are never changed with a key.
  users: { read: 'any', write: 'none' },
  organizations: { read: 'any', write: 'none' },
  'organization-invitations': { read: 'none', write: 'none' },
  media: { read: 'any', write: 'community:write' },
  'api-keys': { read: 'usage:read', write: 'none' },
  'audit-logs': { read: 'usage:read', write: 'none' },
  'webhook-endpoints': { read: 'webhooks:manage', write: 'webhooks:manage' },
  'webhook-events': { read: 'webhooks:manage', write: 'none' },
  'webhook-deliveries': { read: 'webhooks:manage', write: 'none' },
  // A person's own notifications (an organization's key has none); marked read when signed in.
  // They name keys, endpoints and organizations, so reading them takes what reading keys takes.
  notifications: { read: 'usage:read', write: 'none' },
  'notification-preferences': { read: 'none', write: 'none' },
  // Published docs are public; pages are written in /admin and votes only by signed-in people.
  'docs-pages': { read: 'any', write: 'none' },
  'docs-feedback': { read: 'none', write: 'none' },
  // The status page is public (its checks are staff-only fields); written in /admin only.
  // Subscribers' addresses are personal data: staff only, never through a key.
  'status-components': { read: 'any', write: 'none' },
  'status-incidents': { read: 'any', write: 'none' },
  'status-maintenances': { read: 'any', write: 'none' },
  'status-subscribers': { read: 'none', write: 'none' },
  // The community forum: public to read, written by a personal key with community:write (an
  // organization's key is no author and the collections refuse it); flags and the moderation
  // log are for signed-in people.
  'forum-categories': { read: 'any', write: 'none' },
  discussions: { read: 'any', write: 'community:write' },
  replies: { read: 'any', write: 'community:write' },
  reactions: { read: 'any', write: 'community:write' },
  tags: { read: 'any', write: 'none' },
  'forum-attachments': { read: 'any', write: 'community:write' },
  flags: { read: 'none', write: 'none' },
  'forum-moderation-actions': { read: 'none', write: 'none' },
  // The model hub: the collections' own rules decide which models (public, yours, your
  // organization's); the key's scope decides whether it may read or write them at all.
  'ml-models': { read: 'models:read', write: 'models:write' },
  'model-versions': { read: 'models:read', write: 'models:write' },
  'model-files': { read: 'models:read', write: 'models:write' },
  'model-stars': { read: 'models:read', write: 'models:write' },
  'model-ratings': { read: 'models:read', write: 'models:write' },
  'model-comments': { read: 'models:read', write: 'community:write' },
  // Invoices are read signed in, on /settings/billing; staff mark them paid in /admin.
  invoices: { read: 'none', write: 'none' },
  // The showcase: published projects are public; a personal key with community:write submits,
  // edits and comments as its owner (votes go through the vote endpoint, which checks it too).
  'showcase-topics': { read: 'any', write: 'none' },
  'showcase-projects': { read: 'any', write: 'community:write' },
  'project-votes': { read: 'community:write', write: 'none' },
  'project-comments': { read: 'any', write: 'community:write' },
}

export type KeyUser = { apiKey?: { id: number; scopes: string[]; organizationId: number | null } }

/**
 * The principal of an organization's key: the organization itself, not a person. Its id (0) is
 * no user's, so rules that compare `user.id` with an owner match nothing of anyone's, and its
 * collection is not `users`, so Payload's /api/users/me answers `user: null` for it.
 */
export const ORGANIZATION_PRINCIPAL_ID = 0

/** True when the request is made with an organization's key (acting as the organization). */
export const isOrganizationKey = (user: unknown): boolean =>
  Boolean((user as KeyUser | null | undefined)?.apiKey?.organizationId)

/** True when the request is not made with a key, or the key holds what `rule` asks. */
export function keyAllows(user: unknown, rule: ScopeRule): boolean {
  const apiKey = (user as KeyUser | null | undefined)?.apiKey
  if (!apiKey) return true
  if (rule === 'none') return false
  return rule === 'any' || apiKey.scopes.includes(rule)
}
