import 'server-only'

import { cache } from 'react'

/** One "now" per request, so every date on a page is relative to the same instant. */
export const requestNow = cache(() => Date.now())
