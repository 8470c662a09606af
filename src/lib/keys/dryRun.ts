import type { Payload } from 'payload'

import { errorAnswer, type HttpAnswer } from '@/lib/api/errors'
import type { User } from '@/payload-types'
import { dryRunRequestSchema, firstIssue } from '@/schemas/keys'

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
  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    return errorAnswer(400, 'INVALID_BODY', 'The body must be JSON.', 'body')
  }
  const parsed = dryRunRequestSchema.safeParse(body)
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error)
    return errorAnswer(400, 'INVALID_REQUEST', message, field)
  }
  const result = await verifier.verify({ ...parsed.data, ip }, { isDryRun: true })
  if (result.keyId === undefined || !(await mayRead(payload, user, result.keyId))) {
    return { status: 200, body: { valid: false, code: 'NOT_FOUND' } satisfies VerifyResult }
  }
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
