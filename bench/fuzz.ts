/**
 * npm run bench:fuzz — a long fuzz run (BENCH_FUZZ_REQUESTS, default 50,000) of malformed
 * requests over every operation of /api/openapi.json against the production build, on a fresh
 * database. Prints counts by status and the slowest answers; lists any answer of 500 or more and
 * any hang. Needs `npm run build` first. Asserts nothing (the CI test is tests/e2e/fuzz.e2e.spec.ts).
 */
import { spawn } from 'node:child_process'

import fc from 'fast-check'

import { createTestDatabase } from '../tests/helpers/testDatabase'
import { anyRequest, send, type OpenApi, type Outcome } from '../tests/fuzz/requests'
import { fuzzCredentials } from '../tests/fuzz/setup'

const REQUESTS = Number(process.env.BENCH_FUZZ_REQUESTS ?? 50_000)
const CONCURRENCY = Number(process.env.BENCH_FUZZ_CONCURRENCY ?? 16)
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 20261130)
const PORT = 3295

// A database of its own, chosen before anything reads DATABASE_URL (the Payload config does so
// when it is imported).
const database = await createTestDatabase('tt_fuzz')
process.env.DATABASE_URL = database.url
const { loadPayload, migrateDatabase, onShutdown, resolveRuntime, shutdown } =
  await import('../src/runtime/boot')
await resolveRuntime()
onShutdown(database.drop)
await migrateDatabase()

const server = spawn('node', ['.next/standalone/portal-server.mjs'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--no-deprecation',
    DATABASE_URL: database.url,
    PORT: String(PORT),
    HOSTNAME: '127.0.0.1',
    VERIFIER: 'off',
    SIGNUPS_PER_IP_PER_HOUR: '100000',
    REDIS_KEY_PREFIX: `fuzz-${Date.now().toString(36)}:`,
    DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
  },
  stdio: ['ignore', 'ignore', process.env.BENCH_FUZZ_LOG ? 'inherit' : 'ignore'],
  detached: true,
})
onShutdown(async () => {
  if (server.pid) process.kill(-server.pid, 'SIGTERM')
})
const baseUrl = `http://127.0.0.1:${PORT}`
for (let tries = 0; ; tries++) {
  const up = await fetch(`${baseUrl}/api/health`).then(
    (response) => response.ok,
    () => false,
  )
  if (up) break
  if (tries > 240) {
    console.error('the portal did not come up (BENCH_FUZZ_LOG=1 shows its output)')
    await shutdown(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
}

process.on('uncaughtException', (err) => {
  console.error(err)
  void shutdown(1)
})
process.on('unhandledRejection', (err) => {
  console.error(err)
  void shutdown(1)
})

const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as OpenApi
const payload = await loadPayload()
const stamp = Date.now().toString(36)
const person = async (name: string, roles: ('member' | 'staff')[]) => {
  const login = { email: `fuzz-${name}-${stamp}@example.test`, password: `fuzz-${stamp}-password` }
  await payload.create({
    collection: 'users',
    data: {
      ...login,
      username: `fuzz-${name}-${stamp}`,
      name: `Fuzz ${name}`,
      roles,
      _verified: true,
    },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  return login
}
const credentials = await fuzzCredentials(baseUrl, {
  member: await person('member', ['member']),
  staff: await person('staff', ['staff']),
})
const requests = fc.sample(anyRequest(document, credentials), { numRuns: REQUESTS, seed: SEED })

const outcomes: Outcome[] = []
const started = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) outcomes.push(await send(baseUrl, requests[next++]))
  }),
)
const seconds = (performance.now() - started) / 1000

const byStatus = new Map<number, number>()
for (const { status } of outcomes) byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
const failures = outcomes.filter((outcome) => outcome.status >= 500 || outcome.status === 0)
const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5)
const healthy = (await fetch(`${baseUrl}/api/health`)).status

console.log(
  `bench:fuzz: ${outcomes.length} requests over ${Object.keys(document.paths).length} paths in ${seconds.toFixed(1)} s (${(outcomes.length / seconds).toFixed(0)}/s), seed ${SEED}`,
)
console.log('status   count')
for (const [status, count] of [...byStatus].sort(([a], [b]) => a - b)) {
  console.log(`${String(status || 'hang').padEnd(8)} ${count}`)
}
console.log(`answers ≥ 500 or hung: ${failures.length}; health afterwards: ${healthy}`)
for (const { status, request } of failures.slice(0, 20)) {
  console.log(
    `  ${status} ${request.method} ${request.path} ${request.headers['content-type'] ?? ''} ${(request.body ?? '').slice(0, 120)}`,
  )
}
console.log('slowest:')
for (const { ms, status, request } of slowest) {
  console.log(`  ${ms.toFixed(0)} ms ${status} ${request.method} ${request.path.slice(0, 100)}`)
}
await shutdown(0)
