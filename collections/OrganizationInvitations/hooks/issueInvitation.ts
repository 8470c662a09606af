import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { personId } from '@/lib/accounts'
import { actionEmail, portalUrl } from '@/lib/emails'
import { publishEventFor } from '@/lib/events/publish'
import { enqueueInTransaction } from '@/lib/queue'
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
  await enqueueInTransaction(req, 'mail__send', {
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
  // Someone with an account also finds it in the portal.
  const { docs: invitees } = await req.payload.find({
    collection: 'users',
    where: { email: { equals: doc.email } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (invitees[0]) {
    await publishEventFor(req, {
      type: 'organization.invitation_received',
      account: { owner: invitees[0].id, organization: null },
      actor: personId(req.user),
      data: {
        invitation_id: doc.id,
        organization_id: organization.id,
        organization_name: organization.name,
        role: doc.role,
        invited_by: inviter,
      },
    })
  }
  return doc
}
