import { APIError, ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { hasRole } from '@/access/roles'
import { env } from '@/lib/env'
import { hitLimit } from '@/lib/rateLimit'
import { ipBucket } from '@/lib/net/ip'
import { requestIp } from '@/lib/requestIp'
import { sha256 } from '@/lib/tokens'
import { passwordSchema } from '@/schemas/account'

const HOUR = 3_600_000

/** Sign-ups and reset requests each door admits, per client address and per account. */
export const ACCOUNT_LIMITS = {
  signupsPerIp: {
    get limit() {
      return env().SIGNUPS_PER_IP_PER_HOUR
    },
    windowMs: HOUR,
  },
  resetsPerIp: { limit: 20, windowMs: HOUR },
  // Per account and address, and (looser) per account: nobody uses up someone else's resets.
  resetsPerEmailAndIp: { limit: 3, windowMs: HOUR },
  resetsPerEmail: { limit: 10, windowMs: HOUR },
} as const

const tooMany = (message: string) => new APIError(message, 429, undefined, true)

/**
 * The account policy, whatever the door (portal pages, REST, GraphQL, the Local API with a
 * client address): passwords of 10 to 200 characters, and sign-ups and password-reset requests
 * limited per client address and per account. System calls without a client address (seed,
 * scripts) are not limited; staff creating accounts in /admin are not either.
 */
export const accountPolicy: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const data = (args as { data?: Record<string, unknown> }).data
  if (
    (operation === 'create' || operation === 'update' || operation === 'resetPassword') &&
    data?.password !== undefined
  ) {
    const parsed = passwordSchema.safeParse(data.password)
    if (!parsed.success) {
      throw new ValidationError({
        collection: 'users',
        errors: [{ path: 'password', message: parsed.error.issues[0].message }],
        req,
      })
    }
    if (operation === 'update') {
      // Changing one's own password needs the current one, whatever the door: the settings
      // page checks it and says so in the context (REST and GraphQL cannot set it). Without
      // this, a stolen session could set a new password and end the owner's sessions.
      const id = (args as { id?: number | string }).id
      // An API key never changes an account: its access rule answers that (403), not this.
      const isKey = (req.user as { _strategy?: string } | null)?._strategy === 'api-key'
      const isSelf =
        !isKey &&
        req.user?.collection === 'users' &&
        (id === undefined || String(id) === String(req.user.id))
      if (isSelf && !req.context.currentPasswordChecked) {
        throw new ValidationError({
          collection: 'users',
          errors: [
            {
              path: 'password',
              message:
                'Change your password in Settings → Security, which asks for the current one.',
            },
          ],
          req,
        })
      }
      req.context.passwordChanged = true
    }
  }
  // REST and GraphQL always have an address (src/runtime/server.ts); if not, they share one.
  const known = requestIp(req)
  const ip = known ? ipBucket(known) : req.payloadAPI === 'local' ? null : 'unknown'
  if (!ip || hasRole(req.user, 'staff')) return args
  if (operation === 'create') {
    const { limit, windowMs } = ACCOUNT_LIMITS.signupsPerIp
    if (!(await hitLimit(`signup:${ip}`, limit, windowMs)).isAllowed) {
      throw tooMany('Too many sign-ups from this network. Try again in an hour.')
    }
  }
  if (operation === 'forgotPassword') {
    const email = typeof data?.email === 'string' ? data.email.trim().toLowerCase() : ''
    const { resetsPerIp, resetsPerEmailAndIp, resetsPerEmail } = ACCOUNT_LIMITS
    const account = sha256(email)
    const results = await Promise.all([
      hitLimit(`forgot:ip:${ip}`, resetsPerIp.limit, resetsPerIp.windowMs),
      hitLimit(`forgot:email-ip:${account}:${ip}`, resetsPerEmailAndIp.limit, HOUR),
      hitLimit(`forgot:email:${account}`, resetsPerEmail.limit, resetsPerEmail.windowMs),
    ])
    if (results.some((result) => !result.isAllowed)) {
      throw tooMany('Too many reset requests. Try again in an hour.')
    }
  }
  return args
}
