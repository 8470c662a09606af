/**
 * The one error format of the portal's APIs: `{ errors: [{ code, message, field? }] }` with the
 * right status, from one table of codes. Payload's REST errors are rewritten into it by the
 * `afterError` hook (payload.config.ts); our own endpoints answer it directly.
 */
export const ERROR_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
}

export type ErrorItem = {
  code: string
  message: string
  field?: string
  /** Payload's own shape of field errors, which its admin panel reads to mark the fields. */
  data?: { errors: { path: string; message: string }[] }
}
export type ErrorBody = { errors: ErrorItem[]; requestId?: string }

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Try again shortly.'

const codeFor = (status: number) =>
  ERROR_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST')

type ErrorLike = {
  status?: unknown
  message?: unknown
  isPublic?: unknown
  data?: { errors?: { path?: unknown; field?: unknown; message?: unknown }[] } | null
}

/**
 * The status and body of an error. Messages of 4xx errors (and errors marked public) are shown;
 * anything else is an internal error whose details stay in the log under `requestId`.
 * Relies on fields, not class names: a production bundle strips those.
 */
export function errorResponse(
  error: unknown,
  requestId?: string,
): { status: number; body: ErrorBody } {
  const outer = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike & {
    originalError?: unknown
  }
  // GraphQL wraps what a resolver threw.
  const err = (
    typeof outer.originalError === 'object' && outer.originalError !== null
      ? outer.originalError
      : outer
  ) as ErrorLike
  const raw = typeof err.status === 'number' ? err.status : 500
  const status = raw >= 400 && raw <= 599 ? raw : 500
  const isPublic = status < 500 || err.isPublic === true
  const code = codeFor(status)
  const fieldErrors = Array.isArray(err.data?.errors) ? err.data.errors : []
  const fields = fieldErrors.map((item) => ({
    path: String(item.path ?? item.field ?? ''),
    message: String(item.message ?? 'This value is not valid.'),
  }))
  const items: ErrorItem[] =
    isPublic && fields.length > 0
      ? fields.map((item, index) => ({
          code: status === 400 ? 'VALIDATION_ERROR' : code,
          message: item.message,
          field: item.path,
          ...(index === 0 ? { data: { errors: fields } } : {}),
        }))
      : [
          {
            code,
            message:
              isPublic && typeof err.message === 'string' && err.message
                ? err.message
                : INTERNAL_MESSAGE,
          },
        ]
  return { status, body: { errors: items, ...(requestId ? { requestId } : {}) } }
}

/** A JSON error answer in the one format, for our own endpoints and route handlers. */
export function errorJson(
  status: number,
  message: string,
  options: { field?: string; code?: string; headers?: Record<string, string> } = {},
): Response {
  const item: ErrorItem = { code: options.code ?? codeFor(status), message }
  if (options.field) item.field = options.field
  return Response.json({ errors: [item] } satisfies ErrorBody, {
    status,
    headers: options.headers,
  })
}

/** A framework-free HTTP answer, served by node:http and by Next alike. */
export type HttpAnswer = { status: number; body: unknown; headers?: Record<string, string> }

/** An error answer in the one format, for framework-free handlers (the verification server …). */
export const errorAnswer = (
  status: number,
  code: string,
  message: string,
  field?: string,
  headers?: Record<string, string>,
): HttpAnswer => ({
  status,
  body: { errors: [{ code, message, ...(field ? { field } : {}) }] } satisfies ErrorBody,
  ...(headers ? { headers } : {}),
})
