/**
 * npm run bench:verify — throughput and latency of key verification, measured in one run:
 *   (a) the in-process verifier (verifyKey), (b) the verification server (node:http),
 *   (c) the Next route /api/keys/verify, next to a bare node:http server and a bare Redis GET.
 * Prints numbers and ratios; asserts nothing. Uses DATABASE_URL/REDIS_URL when set, otherwise
 * embedded Postgres and the in-process store (then each process has its own store).
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

import { onShutdown, shutdown } from '../src/runtime/boot'
import { env } from '../src/lib/env'
import { keyService, verifyKey } from '../src/lib/keys/service'
import { redis } from '../src/lib/redis'
import { measureHttp, percentile, startProcess, waitUntilUp, type Row } from './load'
import { benchUser, startBench } from './setup'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const BARE_PORT = 3290
const VERIFIER_PORT = 3291
const NEXT_PORT = 3292

const rows: Row[] = []
const children: ChildProcess[] = []

const payload = await startBench()
onShutdown(async () => {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
})

// An unlimited (enterprise) account, so the numbers are about verification, not refusals.
const makeUser = (name: string, roles: ('member' | 'staff')[]) =>
  benchUser(payload, name, { roles, plan: 'enterprise' })
const [staff, member] = [await makeUser('svc', ['staff']), await makeUser('user', ['member'])]
const issue = async (user: typeof staff, scopes: string[]) =>
  (
    (await payload.create({
      collection: 'api-keys',
      data: { name: 'bench', environment: 'production', scopes } as never,
      overrideAccess: false,
      user: { ...user, collection: 'users' },
    })) as unknown as { key: string }
  ).key
const serviceKey = await issue(staff, ['keys:verify'])
const key = await issue(member, ['tracks:read'])
const body = JSON.stringify({ key, scope: 'tracks:read', endpoint: 'GET /v1/tracks' })
const headers = { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json' }

/** Closed-loop load from this process: `concurrency` callers for DURATION_S seconds. */
async function inProcess(name: string, call: () => Promise<unknown>, concurrency = CONNECTIONS) {
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = []
    const end = performance.now() + seconds * 1000
    let failures = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const started = performance.now()
          await call().catch(() => failures++)
          if (record) latencies.push(performance.now() - started)
        }
      }),
    )
    return { latencies, failures }
  }
  await run(1, false)
  const { latencies, failures } = await run(DURATION_S, true)
  latencies.sort((a, b) => a - b)
  rows.push({
    name,
    rps: latencies.length / DURATION_S,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  })
}

/** HTTP load with autocannon; `rate` fixes requests per second (open loop) instead of max. */
async function http(name: string, url: string, rate?: number): Promise<Row> {
  const options = { url, method: 'POST' as const, headers, body, connections: CONNECTIONS }
  const row = await measureHttp(
    name,
    { ...options, ...(rate ? { overallRate: rate } : {}) },
    DURATION_S,
  )
  rows.push(row)
  return row
}

console.log(
  `bench:verify on ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION_S}s per run, ` +
    `Redis: ${env().REDIS_URL ? 'redis' : 'in-process store'}`,
)

// Baselines.
await redis().set('tt:bench:probe', 'x')
await inProcess('bare Redis GET (ioredis)', () => redis().get('tt:bench:probe'))
startProcess(
  children,
  'node',
  [
    '-e',
    `require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json'});s.end('{"valid":true}')})}).listen(${BARE_PORT})`,
  ],
  {},
)
await waitUntilUp(`http://127.0.0.1:${BARE_PORT}/`)
const bare = await http('bare node:http server', `http://127.0.0.1:${BARE_PORT}/`)

// (a) the verifier as a function in this process.
await inProcess('(a) in-process verifyKey()', () => verifyKey({ key, scope: 'tracks:read' }))
await keyService().usage.flush()

// (b) the verification server, on its own as `npm run verifier` runs it.
// BENCH_PROFILE=1 writes a CPU profile of the verification server to .data/profiles.
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.data/profiles'] : []
startProcess(children, 'node', [...profile, '--import', 'tsx', 'scripts/verifier.ts'], {
  VERIFIER_PORT: String(VERIFIER_PORT),
})
await waitUntilUp(`http://127.0.0.1:${VERIFIER_PORT}/health`)
const server = await http(
  '(b) verification server POST /verify',
  `http://127.0.0.1:${VERIFIER_PORT}/verify`,
)
const half = Math.round(server.rps / 2)
await http(
  `(b) at a fixed ${half} req/s (half its max)`,
  `http://127.0.0.1:${VERIFIER_PORT}/verify`,
  half,
)

// (c) the Next route, from the production build.
if (fs.existsSync('.next/standalone/portal-server.mjs')) {
  startProcess(children, 'node', ['.next/standalone/portal-server.mjs'], {
    NODE_ENV: 'production',
    PORT: String(NEXT_PORT),
    HOSTNAME: '127.0.0.1',
    WORKER: 'off',
    VERIFIER: 'off',
    DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
  })
  await waitUntilUp(`http://127.0.0.1:${NEXT_PORT}/api/keys/verify`, {
    method: 'POST',
    headers,
    body,
  })
  await http(
    '(c) Next route POST /api/keys/verify',
    `http://127.0.0.1:${NEXT_PORT}/api/keys/verify`,
  )
} else {
  console.log('(c) skipped: no production build (run `npm run build` first)')
}

const pad = (text: string, width: number) => text.padEnd(width)
console.log(
  `\n${pad('target', 44)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('failed', 8)}vs bare node`,
)
for (const row of rows) {
  console.log(
    `${pad(row.name, 44)}${pad(Math.round(row.rps).toString(), 10)}${pad(row.p50.toFixed(2), 9)}${pad(
      row.p99.toFixed(2),
      9,
    )}${pad(String(row.failures), 8)}${((row.rps / bare.rps) * 100).toFixed(1)}%`,
  )
}
const redisRow = rows[0]
const inProc = rows.find((row) => row.name.startsWith('(a)'))
if (inProc) {
  console.log(
    `\n(a) runs at ${((inProc.rps / redisRow.rps) * 100).toFixed(1)}% of a bare Redis GET`,
  )
}
const fixed = rows.find((row) => row.name.includes('fixed'))
console.log(
  `goal (b) ≥ 25% of bare: ${((server.rps / bare.rps) * 100).toFixed(1)}% · p99 at half load < 5 ms: ${fixed?.p99.toFixed(2)} ms`,
)
await shutdown(0)
