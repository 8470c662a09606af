import type { AfterErrorHook } from 'payload'

import { errorResponse } from './errors'

/** Rewrites every REST error Payload answers into the portal's one format (see errors.ts). */
export const formatApiError: AfterErrorHook = ({ error, graphqlResult, req }) => {
  // GraphQL keeps its own error shape inside a 200.
  if (graphqlResult) return
  const requestId = req.headers?.get('x-request-id') ?? undefined
  const { status, body } = errorResponse(error, requestId)
  return { response: body as never, status }
}
