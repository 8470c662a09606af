import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import type { User } from '@/payload-types'

let instance: Promise<Payload> | undefined

/**
 * Payload on the run's database. The very first account of a database becomes its admin, so a
 * root admin is made first and the users tests create get exactly the roles they ask for.
 */
export const testPayload = () =>
  (instance ??= (async () => {
    const payload = await getPayload({ config })
    const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
    if (totalDocs === 0) {
      await payload.create({
        collection: 'users',
        data: {
          email: 'root@example.test',
          username: 'root',
          name: 'Root',
          password: 'root-password-123',
        },
        overrideAccess: true,
        disableVerificationEmail: true,
      })
    }
    return payload
  })())

let counter = 0
export const unique = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** Creates a verified user with the given roles (system write, as a seed would). */
/** Awaits a rejection and returns its field messages (Payload ValidationError) or message. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const data = (error as { data?: { errors?: { path: string; message: string }[] } }).data
    return (
      data?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') ??
      String((error as Error).message)
    )
  }
  throw new Error('expected the operation to be refused, but it succeeded')
}

export async function makeUser(
  roles: User['roles'] = ['member'],
  extra: Partial<User> = {},
): Promise<User> {
  const payload = await testPayload()
  const username = unique('u').toLowerCase().slice(0, 30)
  return payload.create({
    collection: 'users',
    data: {
      email: `${username}@example.test`,
      username,
      name: `Test ${username}`,
      password: 'correct-horse-battery',
      roles,
      _verified: true,
      ...extra,
    },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
}

/** The user as Payload's access control sees it on a request (with `collection`). */
export const asUser = (user: User) => ({ ...user, collection: 'users' as const })

/**
 * A personal (or, with `organization`, that organization's) read-only development key, created
 * as `user` through access control; the plaintext `key` is in the answer once.
 */
export async function issueKey(user: User, organization?: number) {
  const payload = await testPayload()
  return (await payload.create({
    collection: 'api-keys',
    data: {
      name: unique('key'),
      environment: 'development',
      scopes: ['tracks:read'],
      ...(organization && { organization }),
    } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
    context: { ip: '198.51.100.7' },
  })) as unknown as { id: number; key: string }
}
