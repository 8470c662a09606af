import { errorJson } from './errors'

/** The methods any route of the API answers; anything else is refused before routing. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'])
const WITH_BODY = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

/** Body limits: files travel as multipart, everything else is JSON of modest size. */
export const BODY_LIMITS = { json: 1_000_000, multipart: 10_000_000 } as const

const CONTENT_TYPES = new Set([
  'application/json',
  'multipart/form-data',
  // Payload's `X-HTTP-Method-Override: GET` carries a query string as a form body.
  'application/x-www-form-urlencoded',
])

/** RFC 8058: mail clients post `List-Unsubscribe=One-Click` as a form to the one-click link. */
const FORM_PATHS = new Set([
  '/api/notifications/unsubscribe',
  '/api/status-subscribers/unsubscribe',
])

const megabytes = (bytes: number) => `${bytes / 1_000_000} MB`

/**
 * A part of a model file upload on local disk (the stand-in for a presigned S3 URL): raw bytes,
 * one part at most (8 MiB), with a declared length. The route checks the exact size.
 */
const PART_PATH = /^\/api\/model-files\/\d{1,10}\/parts\/\d{1,5}$/
export const MAX_PART_BODY = 8 * 1024 * 1024

function guardPart(request: Request, contentType: string): Response | null {
  if (contentType && contentType !== 'application/octet-stream') {
    return errorJson(415, 'Send the part as application/octet-stream.', { field: 'content-type' })
  }
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (!Number.isFinite(declared)) {
    return errorJson(411, 'Send the part with a Content-Length.', { field: 'content-length' })
  }
  if (declared > MAX_PART_BODY) {
    return errorJson(413, `A part is at most ${megabytes(MAX_PART_BODY)}.`, { field: 'body' })
  }
  return null
}

const hasNul = (text: string) => text.includes('\u0000')

/** Decoded as far as it decodes (a lone `%` is left as it is). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * What every request to /api/* must be before any handler parses it (src/proxy.ts): a known
 * method; a body only with a content type the API reads, within its size, and well-formed —
 * JSON that parses, multipart that parses (and whose `_payload` field is JSON). Returns the
 * refusal, or null to go on. Handlers then validate what the body says (plugins/inputGuard.ts).
 */
export async function guardRequest(request: Request): Promise<Response | null> {
  const method = request.method.toUpperCase()
  if (!METHODS.has(method)) {
    return errorJson(405, `The API does not answer ${method}.`, {
      headers: { Allow: [...METHODS].join(', ') },
    })
  }
  // Postgres stores no NUL character: refuse it anywhere in the address.
  if (hasNul(safeDecode(new URL(request.url).pathname + new URL(request.url).search))) {
    return errorJson(400, 'The address contains a NUL character.', { field: 'url' })
  }
  if (!WITH_BODY.has(method)) return null
  const declared = Number(request.headers.get('content-length') ?? NaN)
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (method === 'PUT' && PART_PATH.test(new URL(request.url).pathname)) {
    return guardPart(request, contentType)
  }
  if (declared === 0 || (!request.body && !contentType)) return null
  const kind = contentType === 'multipart/form-data' ? 'multipart' : 'json'
  const limit = BODY_LIMITS[kind]
  if (declared > limit) {
    return errorJson(413, `The body is over ${megabytes(limit)}.`, { field: 'body' })
  }
  const bytes = await request
    .clone()
    .arrayBuffer()
    .catch(() => null)
  if (bytes === null) return errorJson(400, 'The body could not be read.', { field: 'body' })
  if (bytes.byteLength === 0) return null
  if (bytes.byteLength > limit) {
    return errorJson(413, `The body is over ${megabytes(limit)}.`, { field: 'body' })
  }
  const isQueryOverride = [
    request.headers.get('x-http-method-override'),
    request.headers.get('x-payload-http-method-override'),
  ].some((value) => value?.toUpperCase() === 'GET')
  const isForm = isQueryOverride || FORM_PATHS.has(new URL(request.url).pathname)
  if (
    !CONTENT_TYPES.has(contentType) ||
    (contentType === 'application/x-www-form-urlencoded' && !isForm)
  ) {
    return errorJson(
      415,
      contentType
        ? `The API reads application/json (or multipart/form-data for files), not ${contentType}.`
        : 'Say what the body is: Content-Type: application/json.',
      { field: 'content-type' },
    )
  }
  if (contentType === 'application/json') {
    const text = new TextDecoder().decode(bytes)
    if (hasNul(text) || /\\u0000/i.test(text)) {
      return errorJson(400, 'Text in the body may not contain NUL characters.', { field: 'body' })
    }
    try {
      JSON.parse(text)
    } catch (error) {
      return errorJson(400, `The body is not valid JSON: ${(error as Error).message}`, {
        field: 'body',
      })
    }
  }
  if (contentType === 'multipart/form-data') {
    // A multipart body starts with its boundary and ends with the closing one.
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
      request.headers.get('content-type') ?? '',
    )
    const marker = boundary?.[1] ?? boundary?.[2]
    const head = new TextDecoder().decode(bytes.slice(0, 200))
    const tail = new TextDecoder().decode(bytes.slice(-200))
    if (!marker || !head.includes(`--${marker}`) || !tail.includes(`--${marker}--`)) {
      return errorJson(400, 'The body is not a valid multipart/form-data body.', { field: 'body' })
    }
    let form: FormData
    try {
      form = await request.clone().formData()
    } catch {
      return errorJson(400, 'The body is not a valid multipart/form-data body.', { field: 'body' })
    }
    const data = form.get('_payload')
    if (typeof data === 'string') {
      if (hasNul(data) || /\\u0000/i.test(data)) {
        return errorJson(400, 'Text in _payload may not contain NUL characters.', {
          field: '_payload',
        })
      }
      try {
        JSON.parse(data)
      } catch {
        return errorJson(400, 'The _payload field is not valid JSON.', { field: '_payload' })
      }
    }
  }
  return null
}
