import {
  APIError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type Payload,
  type PayloadRequest,
} from 'payload'
import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { actionEmail, portalUrl } from '@/lib/emails'
import { enqueueInTransaction } from '@/lib/queue'
import { hitLimit } from '@/lib/rateLimit'
import { newToken, sha256 } from '@/lib/tokens'

/** How long the link in an email-change confirmation works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000

type Context = {
  emailChange?: { token: string; from: string; to: string }
  isEmailConfirmed?: true
}

const normalise = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '')

async function isTaken(
  payload: Payload,
  email: string,
  exceptId: number | string,
  req?: PayloadRequest,
) {
  const { totalDocs } = await payload.count({
    collection: 'users',
    where: { and: [{ email: { equals: email } }, { id: { not_equals: exceptId } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/**
 * A user changing their own email does not change it: the new address is held as pending and
 * gets a confirmation link, the old one a notice, and the change applies only when the link is
 * used. Staff editing someone else's account in /admin change it directly.
 */
export const stageEmailChange: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const context = req.context as Context
  if (operation !== 'update' || !originalDoc || context.isEmailConfirmed) return data
  if (data.email === undefined || normalise(data.email) === normalise(originalDoc.email)) {
    return data
  }
  const isSelf = req.user && String(req.user.id) === String(originalDoc.id)
  if (!isSelf) return data
  const next = normalise(data.email)
  const invalid = (message: string) =>
    new ValidationError({ collection: 'users', errors: [{ path: 'email', message }], req })
  if (!z.email().safeParse(next).success) {
    throw invalid('Enter a valid email address, like name@example.com.')
  }
  // Each request mails two addresses: limited per account and per address asked for.
  const [byUser, byAddress] = await Promise.all([
    hitLimit(`email-change:user:${originalDoc.id}`, 5, EMAIL_CHANGE_TTL_MS),
    hitLimit(`email-change:to:${sha256(next)}`, 3, EMAIL_CHANGE_TTL_MS),
  ])
  if (!byUser.isAllowed || !byAddress.isAllowed) {
    throw new APIError('Too many email changes. Try again tomorrow.', 429, undefined, true)
  }
  if (await isTaken(req.payload, next, originalDoc.id, req)) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ path: 'email', message: 'Another account already uses this email address.' }],
      req,
    })
  }
  const token = newToken()
  // Set after the look-up above: a nested Local API call may give `req` a new context object.
  ;(req.context as Context).emailChange = { token, from: originalDoc.email, to: next }
  return {
    ...data,
    email: originalDoc.email,
    pendingEmail: next,
    pendingEmailTokenHash: sha256(token),
    pendingEmailExpiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS).toISOString(),
  }
}

/** Queues the confirmation to the new address and the notice to the old one. */
export const mailEmailChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  const change = (req.context as Context).emailChange
  if (!change) return doc
  delete (req.context as Context).emailChange
  await enqueueInTransaction(req, 'mail__send', {
    to: change.to,
    subject: 'Confirm your new email for TuneTrail Community',
    html: actionEmail({
      heading: 'Confirm your new email',
      intro: `Confirm that ${change.to} is the new email of your TuneTrail Community account @${doc.username}. The link works for 24 hours.`,
      action: 'Confirm new email',
      url: portalUrl('/confirm-email', { token: change.token }),
      outro: 'If you did not ask for this, ignore this mail: nothing changes.',
    }),
  })
  await enqueueInTransaction(req, 'mail__send', {
    to: change.from,
    subject: 'Your TuneTrail Community email is about to change',
    html: actionEmail({
      heading: 'Email change requested',
      intro: `Someone signed in as @${doc.username} asked to change the account's email to ${change.to}. It changes only once that address confirms. If it was not you, change your password now.`,
      action: 'Change your password',
      url: portalUrl('/forgot-password'),
    }),
  })
  return doc
}

export type EmailChangeProblem = 'INVALID' | 'EXPIRED' | 'TAKEN'

export const EMAIL_CHANGE_PROBLEMS: Record<EmailChangeProblem, string> = {
  INVALID:
    'This link is not valid, or was already used. Change your email again from your profile.',
  EXPIRED: 'This link has expired. Change your email again from your profile.',
  TAKEN: 'Another account took this email address meanwhile.',
}

/** Applies a pending email change whose link was opened. */
export async function confirmEmailChange(
  payload: Payload,
  token: string,
): Promise<{ ok: true; email: string } | { ok: false; problem: EmailChangeProblem }> {
  const { docs } = await payload.find({
    collection: 'users',
    where: { pendingEmailTokenHash: { equals: sha256(token) } },
    limit: 1,
    depth: 0,
    showHiddenFields: true,
    // The token is the authorisation.
    overrideAccess: true,
  })
  const user = docs[0]
  if (!user?.pendingEmail) return { ok: false, problem: 'INVALID' }
  if (!user.pendingEmailExpiresAt || new Date(user.pendingEmailExpiresAt) <= new Date()) {
    return { ok: false, problem: 'EXPIRED' }
  }
  if (await isTaken(payload, user.pendingEmail, user.id)) return { ok: false, problem: 'TAKEN' }
  const context: Context = { isEmailConfirmed: true }
  await payload.update({
    collection: 'users',
    id: user.id,
    data: {
      email: user.pendingEmail,
      pendingEmail: null,
      pendingEmailTokenHash: null,
      pendingEmailExpiresAt: null,
    },
    overrideAccess: true,
    context,
  })
  return { ok: true, email: user.pendingEmail }
}

/** POST /api/users/confirm-email-change { token } */
export const confirmEmailChangeEndpoint = defineEndpoint({
  path: '/confirm-email-change',
  method: 'post',
  summary: 'Confirm a change of email with the mailed token',
  // The mailed token is the authorisation.
  caller: 'anyone',
  doing: 'confirm an email change',
  response: {
    description: 'The new email',
    body: z.object({ message: z.string(), email: z.email() }),
  },
  body: z.object({ token: z.string({ error: 'token is required.' }).min(20).max(200) }),
  handler: async (req, { body }) => {
    const result = await confirmEmailChange(req.payload, body.token)
    if (!result.ok) throw new APIError(EMAIL_CHANGE_PROBLEMS[result.problem], 400, undefined, true)
    return Response.json({ message: `Your email is now ${result.email}.`, email: result.email })
  },
})
