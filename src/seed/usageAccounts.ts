import type { Payload } from 'payload'

import { accountKey } from '../lib/accounts'
import type { Queryable } from '../lib/db'
import type { KeyEnvironment } from '../lib/keys/format'
import type { Plan } from '../lib/plans'
import type { User } from '../payload-types'
import type { SeedKey } from './usage'

/**
 * The accounts seeded usage belongs to: a pro member, an enterprise organization they own, and
 * a free member. Found by email and slug, so seeding again reuses them (and their keys).
 */
const SEED_USERS = [
  { email: 'seed-analytics@example.test', username: 'seed-analytics', plan: 'pro' as Plan },
  {
    email: 'seed-analytics-free@example.test',
    username: 'seed-analytics-free',
    plan: 'free' as Plan,
  },
]
export const SEED_ORGANIZATION = { name: 'Seed Analytics', slug: 'seed-analytics' }
export const SEED_PASSWORD = 'seed-analytics-password'

export type KeyPlan = { name: string; environment: KeyEnvironment; weight: number }

/** Keys of each account and their share of its traffic. */
const ORGANIZATION_KEYS: KeyPlan[] = [
  { name: 'Seed web backend', environment: 'production', weight: 30 },
  { name: 'Seed mobile API', environment: 'production', weight: 22 },
  { name: 'Seed batch worker', environment: 'production', weight: 10 },
  { name: 'Seed staging', environment: 'staging', weight: 2.5 },
  { name: 'Seed local development', environment: 'development', weight: 0.5 },
]
const PERSONAL_KEYS: KeyPlan[] = [
  { name: 'Seed side project', environment: 'production', weight: 25 },
  { name: 'Seed laptop', environment: 'development', weight: 5 },
]
const FREE_KEYS: KeyPlan[] = [{ name: 'Seed hobby', environment: 'development', weight: 5 }]

export type SeedAccounts = {
  keys: SeedKey[]
  /** `u…` of the pro member, `o…` of the organization, `u…` of the free member. */
  personal: string
  organization: string
  free: string
  userEmail: string
}

async function seedUser(payload: Payload, spec: (typeof SEED_USERS)[number]): Promise<User> {
  const { docs } = await payload.find({
    collection: 'users',
    where: { email: { equals: spec.email } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  if (docs[0]) return docs[0]
  return payload.create({
    collection: 'users',
    data: {
      email: spec.email,
      username: spec.username,
      name: spec.username,
      password: SEED_PASSWORD,
      plan: spec.plan,
      _verified: true,
    },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
}

/** The user's (or organization's) keys named in `plans`, created when missing. */
export async function seedKeys(
  payload: Payload,
  user: User,
  plans: KeyPlan[],
  organization: number | null,
): Promise<SeedKey[]> {
  const account = accountKey({ owner: organization ? null : user.id, organization })
  const keys: SeedKey[] = []
  for (const plan of plans) {
    const { docs } = await payload.find({
      collection: 'api-keys',
      where: {
        and: [
          { name: { equals: plan.name } },
          organization
            ? { organization: { equals: organization } }
            : { owner: { equals: user.id } },
        ],
      },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const key =
      docs[0] ??
      (await payload.create({
        collection: 'api-keys',
        data: {
          name: plan.name,
          environment: plan.environment,
          scopes: ['tracks:read', 'tracks:write', 'recommendations:read', 'usage:read'],
          ...(organization ? { organization } : {}),
        } as never,
        depth: 0,
        overrideAccess: false,
        user: { ...user, collection: 'users' },
      }))
    keys.push({ id: key.id, account, environment: plan.environment, weight: plan.weight })
  }
  return keys
}

/** The seed accounts and keys, created when missing. */
export async function ensureSeedAccounts(payload: Payload): Promise<SeedAccounts> {
  const [pro, free] = [
    await seedUser(payload, SEED_USERS[0]),
    await seedUser(payload, SEED_USERS[1]),
  ]
  const { docs } = await payload.find({
    collection: 'organizations',
    where: { slug: { equals: SEED_ORGANIZATION.slug } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const organization =
    docs[0] ??
    (await payload.create({
      collection: 'organizations',
      data: {
        ...SEED_ORGANIZATION,
        plan: 'enterprise',
        members: [{ user: pro.id, role: 'owner' }],
      },
      overrideAccess: true,
    }))
  const keys = [
    ...(await seedKeys(payload, pro, ORGANIZATION_KEYS, organization.id)),
    ...(await seedKeys(payload, pro, PERSONAL_KEYS, null)),
    ...(await seedKeys(payload, free, FREE_KEYS, null)),
  ]
  return {
    keys,
    personal: accountKey({ owner: pro.id, organization: null }),
    organization: accountKey({ owner: null, organization: organization.id }),
    free: accountKey({ owner: free.id, organization: null }),
    userEmail: pro.email,
  }
}

/** Usage events already written for the seed accounts. */
export async function seededEvents(db: Queryable, accounts: SeedAccounts): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM usage_events WHERE account = ANY($1::text[])',
    [[accounts.personal, accounts.organization, accounts.free]],
  )
  return Number(rows[0]?.n ?? 0)
}
