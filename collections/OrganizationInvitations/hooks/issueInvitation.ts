import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { actionEmail, portalUrl } from '@/lib/emails'
import { relationId } from '@/lib/relationId'
import { newToken, sha256 } from '@/lib/tokens'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** Mints the single-use token; only its hash is stored. */
export const issueInvitation: CollectionBeforeChangeHook = ({ data, operation, req, context }) => {
  if (operation !== 'create') return data
  const token = newToken()
  context.invitationToken = token
  return {
    ...data,
    email: String(data.email).toLowerCase(),
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    invitedBy: req.user?.id ?? null,
  }
}

/** Queues the invitation mail, in the same transaction as the invitation. */
export const sendInvitationMail: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
  context,
}) => {
  if (operation !== 'create' || typeof context.invitationToken !== 'string') return doc
  const organization = await req.payload.findByID({
    collection: 'organizations',
    id: relationId(doc.organization),
    depth: 0,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  const inviter = req.user && 'name' in req.user ? String(req.user.name) : 'Someone'
  await req.payload.sendEmail({
    to: doc.email,
    subject: `${inviter} invited you to ${organization.name} on TuneTrail Community`,
    html: actionEmail({
      heading: `Join ${organization.name}`,
      intro: `${inviter} invited you to join ${organization.name} as ${doc.role === 'admin' ? 'an admin' : 'a member'}. The invitation works once and expires in 7 days.`,
      action: 'Accept invitation',
      url: portalUrl('/invitations/accept', { token: context.invitationToken }),
      outro: 'Sign in (or create an account) with this email address to accept.',
    }),
  })
  return doc
}
