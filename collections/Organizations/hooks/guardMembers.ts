import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { memberRole, type OrganizationRole } from '@/access/organizationAccess'
import { hasRole } from '@/access/roles'
import { relationId } from '@/lib/relationId'

type MemberRow = { id?: string | null; user: unknown; role: OrganizationRole }

/**
 * How a member list may change besides the rules below, set by the system code that does it:
 * `join` (an accepted invitation adds its invitee) and `leave` (a member removes themself).
 */
export type MembershipChange = { membershipChange?: 'join' | 'leave' }

const ownerIds = (rows: MemberRow[]) =>
  rows
    .filter((row) => row.role === 'owner')
    .map((row) => relationId(row.user))
    .sort()

/**
 * Keeps an organization's member list sound: a member appears once, there is always an owner,
 * a new organization's creator is its only member and owner, people join only by accepting an
 * invitation (or by staff), and only owners (or staff) change who owns it.
 */
export const guardMembers: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  const fail = (message: string): never => {
    throw new ValidationError({
      collection: 'organizations',
      errors: [{ path: 'members', message }],
      req,
    })
  }
  if (data.members !== undefined && !Array.isArray(data.members)) {
    fail('Members must be a list of { user, role }.')
  }
  const actor = req.user
  const isStaff = hasRole(actor, 'staff')
  const change = (req.context as MembershipChange).membershipChange
  let members: MemberRow[] = data.members ?? originalDoc?.members ?? []

  if (operation === 'create' && actor && !isStaff) {
    if (members.some((row) => relationId(row.user) !== String(actor.id))) {
      fail('Members join by accepting an invitation: create the organization, then invite them.')
    }
    members = [{ user: actor.id, role: 'owner' }]
  }

  const ids = members.map((row) => relationId(row.user))
  if (new Set(ids).size !== ids.length) fail('A user can only be a member once.')
  if (ownerIds(members).length === 0) fail('An organization needs at least one owner.')

  if (operation === 'update' && actor && !isStaff && data.members && change !== 'join') {
    const before = new Set(
      (originalDoc?.members ?? []).map((row: MemberRow) => relationId(row.user)),
    )
    if (ids.some((id) => !before.has(id))) {
      fail('Members join by accepting an invitation: invite them instead.')
    }
    const actorRole = memberRole(originalDoc?.members, actor.id)
    const ownersChanged = ownerIds(originalDoc?.members ?? []).join() !== ownerIds(members).join()
    if (actorRole !== 'owner' && ownersChanged && change !== 'leave') {
      fail('Only an owner can add or remove owners.')
    }
  }

  return { ...data, members }
}
