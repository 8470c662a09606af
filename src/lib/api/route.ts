import { logger } from '../logger'
import { errorResponse, type HttpAnswer } from './errors'

type Handler = (request: Request) => Promise<Response | HttpAnswer>

/**
 * A Next route handler under /api with the one error format: a framework-free `HttpAnswer`
 * becomes a JSON response, and whatever the handler throws becomes `{ errors: [...] }` with
 * its status (a 500 says nothing but the request id; the details go to the log under it).
 */
export function route(handler: Handler): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const answer = await handler(request)
      if (answer instanceof Response) return answer
      return Response.json(answer.body, { status: answer.status, headers: answer.headers })
    } catch (error) {
      const requestId = request.headers.get('x-request-id') ?? undefined
      const { status, body } = errorResponse(error, requestId)
      if (status >= 500) {
        logger.error({
          msg: 'request failed',
          requestId,
          path: new URL(request.url).pathname,
          err: error,
        })
      }
      return Response.json(body, {
        status,
        headers: {
          'Cache-Control': 'no-store',
          ...(requestId ? { 'X-Request-Id': requestId } : {}),
        },
      })
    }
  }
}
