import type { Access, FieldAccess, Where } from 'payload'

import { isOrganizationKey } from '@/lib/keys/collectionScopes'

import { hasRole } from './roles'

const personId = (user: unknown): number | null => {
  const candidate = user as { id?: unknown; collection?: string } | null | undefined
  if (!candidate || candidate.collection !== 'users' || isOrganizationKey(candidate)) return null
  const id = Number(candidate.id)
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * Forum posts (discussions, replies): moderators read everything; everyone else what is
 * visible (`extra` narrows it further: replies also need a visible thread), and their own
 * posts whatever their state (held for review, hidden).
 */
export const readForumPosts =
  (extra: Where[] = []): Access =>
  ({ req: { user } }) => {
    if (hasRole(user, 'moderator')) return true
    const visible: Where = { and: [{ moderationState: { equals: 'visible' } }, ...extra] }
    const id = personId(user)
    return id ? { or: [visible, { author: { equals: id } }] } : visible
  }

/** Writes a person makes (not an organization's key: a post has a person as author). */
export const forumPerson: Access = ({ req: { user } }) => personId(user) !== null

/** Their own posts for their author; every post for moderators. */
export const authorOrModerator: Access = ({ req: { user } }) => {
  if (hasRole(user, 'moderator')) return true
  const id = personId(user)
  return id ? { author: { equals: id } } : false
}

/** Their own documents (`field` names them) for a person; every one for moderators. */
export const ownOrModerator =
  (field: string): Access =>
  ({ req: { user } }) => {
    if (hasRole(user, 'moderator')) return true
    const id = personId(user)
    return id ? { [field]: { equals: id } } : false
  }

/** A field only moderators (and above) set: state, pinning, category moves. */
export const moderatorField: FieldAccess = ({ req: { user } }) => hasRole(user, 'moderator')

export { personId }
