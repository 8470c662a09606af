import type { PayloadRequest } from 'payload'

import { errorJson } from '../api/errors'
import { keyAllows } from '../keys/collectionScopes'

/** Forum endpoints with an API key need `community:write` (the collections' rule). */
export function refuseWithoutScope(req: PayloadRequest): Response | null {
  return keyAllows(req.user, 'community:write')
    ? null
    : errorJson(403, 'This API key lacks the community:write scope.', {
        code: 'INSUFFICIENT_SCOPE',
      })
}
