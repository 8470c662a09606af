import type { Payload } from 'payload'
import { z } from 'zod'

import { USERNAME_PATTERN } from '@collections/Users/username'
import { passwordSchema } from '@/schemas/account'

const input = z.object({
  email: z.email('--email must be an email address.').transform((v) => v.toLowerCase()),
  password: passwordSchema,
  name: z.string().trim().min(1).max(80).optional(),
})

/** A free username from an email's local part: `ops.team@…` → `ops-team`, `ops-team-2` … */
async function freeUsername(payload: Payload, email: string): Promise<string> {
  const base =
    email
      .split('@')[0]
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24)
      .padEnd(3, '0') || 'admin'
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!USERNAME_PATTERN.test(candidate)) continue
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { username: { equals: candidate } },
      overrideAccess: true,
    })
    if (totalDocs === 0) return candidate
  }
  throw new Error('no free username found')
}

/**
 * Creates a verified admin unless an account with the email exists (then nothing changes).
 * Used by `npm run create-admin`, the only way to a first admin in production.
 */
export async function createAdmin(
  payload: Payload,
  raw: { email: string; password: string; name?: string },
): Promise<{ ok: boolean; created: boolean; message: string }> {
  const parsed = input.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path[0] === 'password' ? '--password: ' : ''
    return { ok: false, created: false, message: `${field}${issue.message}` }
  }
  const { email, password, name } = parsed.data
  const { totalDocs } = await payload.count({
    collection: 'users',
    where: { email: { equals: email } },
    overrideAccess: true,
  })
  if (totalDocs > 0) {
    return {
      ok: true,
      created: false,
      message: `An account with ${email} exists: nothing changed.`,
    }
  }
  const username = await freeUsername(payload, email)
  await payload.create({
    collection: 'users',
    data: {
      email,
      password,
      username,
      name: name ?? 'Administrator',
      roles: ['admin'],
      _verified: true,
    },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  return {
    ok: true,
    created: true,
    message: `Created admin ${email} (@${username}). Sign in at /admin.`,
  }
}
