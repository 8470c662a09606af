import type { AfterErrorHook } from 'payload'

import { errorResponse } from './errors'

/**
 * Error names Payload would log itself (it logs every REST error, most at error level, and a
 * production bundle turns its own class names into ''). `formatApiError` logs instead: internal
 * errors once, at error level, with the request id; expected ones (validation, access, not
 * found, conflicts) not as errors.
 */
export const SILENCED_ERROR_NAMES = [
  '',
  'APIError',
  'AuthenticationError',
  'DatabaseError',
  'DrizzleQueryError',
  'Error',
  'FileRetrievalError',
  'Forbidden',
  'Locked',
  'LockedAuth',
  'MissingFile',
  'NotFound',
  'QueryError',
  'RangeError',
  'SyntaxError',
  'TypeError',
  'UnauthorizedError',
  'UnverifiedEmail',
  'ValidationError',
]

/** Rewrites every REST error Payload answers into the portal's one format (see errors.ts). */
export const formatApiError: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const requestId = req.headers?.get('x-request-id') ?? undefined
  const { status, body } = errorResponse(error, requestId)
  if (status >= 500) {
    req.payload.logger.error({ msg: 'request failed', requestId, path: req.pathname, err: error })
  } else {
    req.payload.logger.debug({ msg: 'request refused', requestId, status, err: error.message })
  }
  // GraphQL keeps its own error shape inside a 200.
  if (graphqlResult) return
  return { response: body as never, status }
}
