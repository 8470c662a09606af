import type { Payload } from 'payload'

import { loadPayload, migrateDatabase, resolveRuntime } from '../src/runtime/boot'
import type { User } from '../src/payload-types'

/**
 * What every benchmark starts with: the runtime resolved as `npm start` would (DATABASE_URL and
 * REDIS_URL when set, else embedded Postgres and the in-process store), the schema migrated, and
 * Payload loaded. `before` runs once the environment is resolved (to set variables).
 */
export async function startBench(before?: () => void): Promise<Payload> {
  await resolveRuntime()
  before?.()
  await migrateDatabase()
  return loadPayload()
}

const stamp = Date.now().toString(36)

/** A verified user of this run, named after `label`. */
export const benchUser = (
  payload: Payload,
  label: string,
  extra: Partial<Pick<User, 'roles' | 'plan'>> = {},
) =>
  payload.create({
    collection: 'users',
    data: {
      email: `bench-${label}-${stamp}@example.test`,
      username: `bench-${label}-${stamp}`,
      name: `Bench ${label}`,
      password: `bench-${stamp}-password`,
      _verified: true,
      ...extra,
    },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
