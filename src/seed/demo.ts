import type { Payload } from 'payload'

import { seedDocs } from './docs'
import { seedStatus } from './status'

/** Dev-only demo accounts; `npm run dev` prints these. Never created in production unless asked. */
export const DEMO_USERS = [
  {
    email: 'admin@demo.tunetrail.dev',
    username: 'ada-admin',
    name: 'Ada Admin',
    roles: ['admin'],
    password: 'demo-admin-pass',
  },
  {
    email: 'moderator@demo.tunetrail.dev',
    username: 'mo-moderator',
    name: 'Mo Moderator',
    roles: ['moderator'],
    password: 'demo-moderator-pass',
  },
  {
    email: 'maya@demo.tunetrail.dev',
    username: 'maya',
    name: 'Maya Member',
    roles: ['member'],
    password: 'demo-member-pass',
  },
  {
    email: 'leo@demo.tunetrail.dev',
    username: 'leo',
    name: 'Leo Member',
    roles: ['member'],
    password: 'demo-member-pass',
  },
] as const

export const DEMO_ORGANIZATION = { name: 'Groove Labs', slug: 'groove-labs' }

/**
 * Creates the demo accounts, organization, docs pages and status page once; running it again
 * changes nothing.
 */
export async function seedDemo(payload: Payload): Promise<{ created: string[] }> {
  const created: string[] = []
  const ids: Record<string, number> = {}
  for (const user of DEMO_USERS) {
    const existing = await payload.find({
      collection: 'users',
      where: { email: { equals: user.email } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (existing.docs[0]) {
      ids[user.username] = existing.docs[0].id
      continue
    }
    const doc = await payload.create({
      collection: 'users',
      data: { ...user, roles: [...user.roles], _verified: true },
      overrideAccess: true,
      disableVerificationEmail: true,
    })
    ids[user.username] = doc.id
    created.push(user.email)
  }
  const org = await payload.find({
    collection: 'organizations',
    where: { slug: { equals: DEMO_ORGANIZATION.slug } },
    limit: 1,
    overrideAccess: true,
  })
  if (!org.docs[0]) {
    await payload.create({
      collection: 'organizations',
      data: {
        ...DEMO_ORGANIZATION,
        plan: 'starter',
        members: [
          { user: ids['maya'], role: 'owner' },
          { user: ids['leo'], role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    created.push(`organization ${DEMO_ORGANIZATION.slug}`)
  }
  created.push(...(await seedDocs(payload)))
  created.push(...(await seedStatus(payload)))
  return { created }
}
