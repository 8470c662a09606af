import type { Payload } from 'payload'

import type { HttpAnswer } from '@/lib/api/errors'
import type { User } from '@/payload-types'
import { dryRunRequestSchema } from '@/schemas/keys'

import { hashKey, isWellFormedKey } from './format'
import { parseBody } from './http'
import type { VerifyResult, Verifier } from './verifier'

/**
 * The docs playground's dry run: the code the verifier would give this key for this scope now,
 * without counting the call against any limit or recording usage. It answers only about keys
 * the person may read (their own, or their organization's when they manage it — the key's own
 * access rules decide): any other key is NOT_FOUND, so this is no oracle for others' keys.
 */
export async function handleDryRun(
  payload: Payload,
  verifier: Verifier,
  user: User,
  rawBody: string,
  ip: string | undefined,
): Promise<HttpAnswer> {
  const parsed = parseBody(rawBody, dryRunRequestSchema)
  if (parsed.answer) return parsed.answer
  // Whether the person may read the key is settled first, with the same work for a key that
  // does not exist: how long the answer takes says nothing about someone else's key.
  const record = isWellFormedKey(parsed.data.key)
    ? await verifier.lookup(hashKey(parsed.data.key))
    : null
  const isReadable = await mayRead(payload, user, record?.id ?? 0)
  if (!record || !isReadable) {
    return { status: 200, body: { valid: false, code: 'NOT_FOUND' } satisfies VerifyResult }
  }
  const result = await verifier.verify({ ...parsed.data, ip }, { isDryRun: true })
  const { valid, code, keyId, environment, scopes, ratelimit } = result
  return {
    status: 200,
    body: { valid, code, keyId, environment, scopes, ratelimit } satisfies VerifyResult,
  }
}

async function mayRead(payload: Payload, user: User, id: number) {
  const { docs } = await payload.find({
    collection: 'api-keys',
    where: { id: { equals: id } },
    overrideAccess: false,
    user,
    depth: 0,
    limit: 1,
    pagination: false,
    select: { name: true },
  })
  return docs.length === 1
}
