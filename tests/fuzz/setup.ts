import type { Credentials } from './requests'

type Login = { email: string; password: string }

async function call(baseUrl: string, path: string, init: RequestInit & { json?: unknown }) {
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const body = (await response.json()) as Record<string, unknown>
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`)
  return body
}

/**
 * The credentials a fuzz run sends: a member's session, a member's key with every member scope,
 * a staff-granted service key, and ids of documents that exist.
 */
export async function fuzzCredentials(
  baseUrl: string,
  people: { member: Login; staff: Login },
): Promise<Credentials> {
  const login = async (who: Login) =>
    `JWT ${(await call(baseUrl, '/api/users/login', { method: 'POST', json: who })).token as string}`
  const [member, staff] = [await login(people.member), await login(people.staff)]
  const issue = async (auth: string, scopes: string[]) =>
    (
      await call(baseUrl, '/api/api-keys', {
        method: 'POST',
        headers: { authorization: auth },
        json: { name: 'fuzz', environment: 'development', scopes },
      })
    ).doc as { id: number; key: string }
  const memberKey = await issue(member, [
    'tracks:read',
    'models:read',
    'community:write',
    'webhooks:manage',
    'usage:read',
  ])
  const serviceKey = await issue(staff, ['keys:verify', 'events:publish', 'usage:report'])
  const me = (await call(baseUrl, '/api/users/me', { headers: { authorization: member } }))
    .user as {
    id: number
  }
  return {
    member,
    memberKey: `Bearer ${memberKey.key}`,
    serviceKey: `Bearer ${serviceKey.key}`,
    ids: [me.id, memberKey.id, serviceKey.id],
  }
}
