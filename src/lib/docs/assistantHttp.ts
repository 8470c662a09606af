import type { Payload } from 'payload'

import { firstIssue } from '@/schemas/keys'
import { assistantRequestSchema } from '@/schemas/docs'

import { errorJson } from '../api/errors'
import { db } from '../db'
import type { KeyUser } from '../keys/collectionScopes'
import { clientIpOf } from '../net/clientAddress'
import { hitLimit } from '../rateLimit'
import { answerStream, UpstreamError, type AssistantLlm } from './assistant'
import { searchDocsPassages } from './search'

/** Questions per minute: per signed-in person, and per client address (anyone). */
export const ASSISTANT_LIMITS = { perPerson: 10, perAddress: 30, windowMs: 60_000 }
/** Passages retrieved for a question (and given to the model). */
export const ASSISTANT_PASSAGES = 5
const MAX_BODY_BYTES = 8 * 1024

/**
 * POST /api/docs/assistant `{ question }` → the answer as a stream of JSON lines (see
 * AssistantEvent): the best passages of the published docs, then the model's cited answer when
 * one is configured. Open to visitors; rate-limited per person and per address (429 with
 * Retry-After). A framework-free handler: the Next route is a one-liner, tests call it directly.
 */
export async function handleAssistant(
  request: Request,
  { payload, llm }: { payload: Payload; llm: AssistantLlm | null },
): Promise<Response> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return errorJson(415, 'Send the question as JSON: {"question": "…"}.')
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return errorJson(413, 'The request is too large.')
  }
  const { user } = await payload.auth({ headers: request.headers })
  const person = user && user.collection === 'users' && !(user as KeyUser).apiKey ? user : null
  const subjects: [string, number][] = [
    ...(person
      ? [[`assistant:user:${person.id}`, ASSISTANT_LIMITS.perPerson] as [string, number]]
      : []),
    [`assistant:ip:${clientIpOf(request.headers) ?? 'unknown'}`, ASSISTANT_LIMITS.perAddress],
  ]
  for (const [subject, limit] of subjects) {
    const result = await hitLimit(subject, limit, ASSISTANT_LIMITS.windowMs)
    if (!result.isAllowed) {
      return errorJson(429, 'Too many questions: wait a minute and ask again.', {
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(result.resetMs / 1000))) },
      })
    }
  }

  const raw = await request.text()
  if (new TextEncoder().encode(raw).length > MAX_BODY_BYTES) {
    return errorJson(413, 'The request is too large.')
  }
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return errorJson(400, 'The body must be JSON: {"question": "…"}.', { field: 'body' })
  }
  const parsed = assistantRequestSchema.safeParse(body)
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error)
    return errorJson(400, message, { field })
  }

  const { question } = parsed.data
  const passages = await searchDocsPassages(await db({ payload }), question, ASSISTANT_PASSAGES)
  const stream = answerStream({
    question,
    passages,
    llm,
    signal: request.signal,
    // Neither the question nor the model's key is logged.
    onUpstreamError: (error) =>
      payload.logger.warn({
        msg: 'docs assistant: the language model failed',
        status: error instanceof UpstreamError ? error.status : undefined,
        reason: error instanceof Error ? error.message : String(error),
        requestId: request.headers.get('x-request-id') ?? undefined,
      }),
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    },
  })
}
