import type { Access, FieldAccess, Where } from 'payload'

import { personId } from '@/lib/accounts'
import { relationId } from '@/lib/relationId'

import { hasRole } from './roles'

const PUBLISHED: Where = { status: { equals: 'published' } }

/**
 * Showcase projects: published ones for everyone; a person also sees their own and those that
 * list them as a maker, in any state; moderators see all (the review queue).
 */
export const readProjects: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator')) return true
  const me = personId(req.user)
  if (!me) return PUBLISHED
  return { or: [PUBLISHED, { owner: { equals: me } }, { 'makers.user': { equals: me } }] }
}

/** The submitter edits their project; moderators and above review every project. */
export const manageProjects: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator')) return true
  const me = personId(req.user)
  return me ? { owner: { equals: me } } : false
}

/** Changes waiting for review: the owner who made them and moderators, nobody else. */
export const seesPendingRevision: FieldAccess = ({ req, doc }) =>
  hasRole(req.user, 'moderator') ||
  (personId(req.user) !== null && Number(relationId(doc?.owner)) === personId(req.user))

/** The submitter deletes their project; staff delete any. */
export const deleteProjects: Access = ({ req }) => {
  if (hasRole(req.user, 'staff')) return true
  const me = personId(req.user)
  return me ? { owner: { equals: me } } : false
}

/** Comments of published projects; hidden ones only to their author and moderators. */
export const readProjectComments: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator')) return true
  const me = personId(req.user)
  const shown: Where = me
    ? { or: [{ hidden: { not_equals: true } }, { author: { equals: me } }] }
    : { hidden: { not_equals: true } }
  return { and: [{ 'project.status': { equals: 'published' } }, shown] }
}

/** The author edits their words; moderators hide (and delete). */
export const authorOrModerator: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator')) return true
  const me = personId(req.user)
  return me ? { author: { equals: me } } : false
}
