import fc from 'fast-check'
import { expect, test } from '@playwright/test'

import { anyRequest, send, targets, type OpenApi, type Outcome } from '../fuzz/requests'
import { fuzzCredentials } from '../fuzz/setup'

import { createVerifiedUser, DEMO } from './helpers'

/**
 * Malformed requests over every operation of /api/openapi.json, against the production build
 * (a fixed seed, so a failure replays): no answer of 500 or more, none slower than 10 s, and the
 * portal healthy afterwards. `npm run bench:fuzz` runs the same generator for 50,000 requests.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000)
const SEED = 20261130

test('malformed requests on every route get a 4xx, never a 500 or a hang', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000)
  const document = (await (await request.get('/api/openapi.json')).json()) as OpenApi
  expect(targets(document).length).toBeGreaterThan(60)
  const member = await createVerifiedUser(request)
  const credentials = await fuzzCredentials(baseURL as string, { member, staff: DEMO.admin })

  const requests = fc.sample(anyRequest(document, credentials), { numRuns: REQUESTS, seed: SEED })
  const outcomes: Outcome[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length) outcomes.push(await send(baseURL as string, requests[next++]))
    }),
  )
  const failures = outcomes
    .filter(({ status, ms }) => status >= 500 || status === 0 || ms > 10_000)
    .map(
      ({ status, ms, request: r }) =>
        `${status} ${Math.round(ms)}ms ${r.method} ${r.path} ${r.headers['content-type'] ?? ''} ${(r.body ?? '').slice(0, 200)}`,
    )
  expect(failures).toEqual([])
  // Every route was tried, and most requests were refused for what they were.
  const refused = outcomes.filter(({ status }) => status >= 400 && status < 500).length
  expect(refused / outcomes.length).toBeGreaterThan(0.5)
  const health = await request.get('/api/health')
  expect(health.status()).toBe(200)
})
