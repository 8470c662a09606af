import pg from 'pg'
import type { Payload } from 'payload'

import { accountKey } from '../lib/accounts'
import { databaseUrl } from '../lib/defaults'
import { rollUpAll, SETTLE_SECONDS } from '../lib/usage/rollup'
import { seedDocs } from './docs'
import { seedForum } from './forum'
import { seedModels } from './models'
import { seedShowcase } from './showcase'
import { seedStatus } from './status'
import { seedUsageEvents } from './usage'
import { seedKeys, type KeyPlan } from './usageAccounts'

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
  let organizationId = org.docs[0]?.id
  if (!organizationId) {
    const doc = await payload.create({
      collection: 'organizations',
      data: {
        ...DEMO_ORGANIZATION,
        plan: 'pro',
        members: [
          { user: ids['maya'], role: 'owner' },
          { user: ids['leo'], role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    organizationId = doc.id
    created.push(`organization ${DEMO_ORGANIZATION.slug}`)
  }
  created.push(...(await seedDemoUsage(payload, ids['maya'], organizationId)))
  created.push(...(await seedDocs(payload)))
  created.push(...(await seedStatus(payload)))
  created.push(...(await seedForum(payload)))
  created.push(
    ...(await seedModels(payload, {
      maya: ids['maya'],
      leo: ids['leo'],
      organization: organizationId,
    })),
  )
  created.push(...(await seedShowcase(payload)))
  return { created }
}

/** The demo organization's keys and their share of its traffic. */
const DEMO_KEYS: KeyPlan[] = [
  { name: 'Groove web app', environment: 'production', weight: 20 },
  { name: 'Groove batch tagger', environment: 'production', weight: 8 },
  { name: 'Groove staging', environment: 'staging', weight: 2 },
]

/**
 * Keys for the demo organization and 30 days of realistic usage on them (a pro plan, so its
 * analytics have something to show), rolled up at once. Only when the organization has no
 * usage yet: seeding again changes nothing.
 */
async function seedDemoUsage(
  payload: Payload,
  ownerId: number | undefined,
  organizationId: number,
): Promise<string[]> {
  const owner = ownerId
    ? await payload.findByID({ collection: 'users', id: ownerId, depth: 0, overrideAccess: true })
    : null
  if (!owner) return []
  const account = accountKey({ owner: null, organization: organizationId })
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 })
  try {
    const { rows } = await pool.query('SELECT 1 FROM usage_events WHERE account = $1 LIMIT 1', [
      account,
    ])
    if (rows.length > 0) return []
    const keys = await seedKeys(payload, owner, DEMO_KEYS, organizationId)
    const written = await seedUsageEvents(pool, { keys, events: 60_000, days: 30 })
    // Roll-ups leave the last seconds' events for later (they may still be committing).
    await new Promise((resolve) => setTimeout(resolve, (SETTLE_SECONDS + 1) * 1000))
    await rollUpAll(pool)
    return [`${written.toLocaleString('en')} usage events for ${DEMO_ORGANIZATION.slug}`]
  } finally {
    await pool.end()
  }
}
