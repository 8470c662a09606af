import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { memberRole, type OrganizationRole } from '@/access/organizationAccess'
import { hasRole } from '@/access/roles'
import { relationId } from '@/lib/relationId'

type MemberRow = { id?: string | null; user: unknown; role: OrganizationRole }

const ownerIds = (rows: MemberRow[]) =>
  rows
    .filter((row) => row.role === 'owner')
    .map((row) => relationId(row.user))
    .sort()

/**
 * Keeps an organization's member list sound: a member appears once, there is always an owner,
 * a new organization's creator is its owner, and only owners (or staff) change who owns it.
 */
export const guardMembers: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  const fail = (message: string): never => {
    throw new ValidationError({
      collection: 'organizations',
      errors: [{ path: 'members', message }],
      req,
    })
  }
  const actor = req.user
  const isStaff = hasRole(actor, 'staff')
  let members: MemberRow[] = data.members ?? originalDoc?.members ?? []

  if (operation === 'create' && actor && !isStaff) {
    members = [
      { user: actor.id, role: 'owner' },
      ...members.filter((row) => relationId(row.user) !== String(actor.id)),
    ]
  }

  const ids = members.map((row) => relationId(row.user))
  if (new Set(ids).size !== ids.length) fail('A user can only be a member once.')
  if (ownerIds(members).length === 0) fail('An organization needs at least one owner.')

  if (operation === 'update' && actor && !isStaff && data.members) {
    const actorRole = memberRole(originalDoc?.members, actor.id)
    const ownersChanged = ownerIds(originalDoc?.members ?? []).join() !== ownerIds(members).join()
    if (actorRole !== 'owner' && ownersChanged) fail('Only an owner can add or remove owners.')
  }

  return { ...data, members }
}
