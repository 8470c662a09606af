/**
 * npm run bench:status — throughput of the cached status page from the production build, next
 * to a bare node:http server answering the same HTML; its JSON API, badge and feed; a dynamic
 * portal page for contrast; and how long a change takes to show (a state written to the
 * database and announced, as the worker does, until the page serves it). Needs `npm run build`
 * first. Prints numbers; asserts nothing. Uses DATABASE_URL / REDIS_URL when set.
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { db } from '../src/lib/db'
import { announceStatusChange } from '../src/lib/status/cache'
import { onShutdown, shutdown } from '../src/runtime/boot'
import { seedStatus } from '../src/seed/status'
import { measureHttp, startProcess, waitUntilUp, type Row } from './load'
import { startBench } from './setup'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const BARE_PORT = 3293
const NEXT_PORT = 3294
const PAGE = '/status'
const GOAL_RPS = 1500
const CHANGES = 10

const rows: Row[] = []
const children: ChildProcess[] = []

if (!fs.existsSync('.next/standalone/portal-server.mjs')) {
  console.log('bench:status needs a production build: run `npm run build` first')
  process.exit(1)
}
if (!process.env.REDIS_URL) {
  console.log('bench:status measures a change crossing processes: set REDIS_URL')
  process.exit(1)
}

const payload = await startBench()
onShutdown(async () => {
  for (const child of children) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
})
await seedStatus(payload)

async function http(name: string, url: string): Promise<Row> {
  const row = await measureHttp(name, { url, connections: CONNECTIONS }, DURATION_S)
  rows.push(row)
  return row
}

// The portal as `npm start` runs it, without the worker and verifier (only pages are measured).
startProcess(children, 'node', ['.next/standalone/portal-server.mjs'], {
  NODE_ENV: 'production',
  PORT: String(NEXT_PORT),
  HOSTNAME: '127.0.0.1',
  WORKER: 'off',
  VERIFIER: 'off',
  DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
})
const portal = `http://127.0.0.1:${NEXT_PORT}`
await waitUntilUp(`${portal}/login`)
const first = await fetch(`${portal}${PAGE}`)
if (!first.ok) throw new Error(`${PAGE} answered ${first.status}`)
const html = await first.text()
async function headerOf(url: string, name: string) {
  const response = await fetch(url)
  await response.arrayBuffer()
  return response.headers.get(name) ?? 'none'
}
const cacheState = await headerOf(`${portal}${PAGE}`, 'x-nextjs-cache')
const pageCacheState = await headerOf(`${portal}${PAGE}`, 'x-portal-cache')
for (const url of ['/status/api/v2/summary.json', '/status/feed.rss']) {
  await headerOf(`${portal}${url}`, 'x-nextjs-cache')
  await headerOf(`${portal}${url}`, 'x-nextjs-cache')
}

const htmlFile = path.join(os.tmpdir(), `bench-status-${process.pid}.html`)
fs.writeFileSync(htmlFile, html)
startProcess(
  children,
  'node',
  [
    '-e',
    `const b=require('fs').readFileSync(process.env.BENCH_HTML);require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8'});s.end(b)}).listen(${BARE_PORT})`,
  ],
  { BENCH_HTML: htmlFile },
)

console.log(
  `bench:status on ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION_S}s per run, ` +
    `page ${PAGE} (${(html.length / 1024).toFixed(1)} KiB, x-nextjs-cache: ${cacheState}, x-portal-cache: ${pageCacheState})`,
)
await waitUntilUp(`http://127.0.0.1:${BARE_PORT}/`)
const bare = await http('bare node:http, same HTML', `http://127.0.0.1:${BARE_PORT}/`)
const page = await http(`status page ${PAGE}`, `${portal}${PAGE}`)
await http('summary.json (Statuspage v2)', `${portal}/status/api/v2/summary.json`)
await http('feed.rss', `${portal}/status/feed.rss`)
await http(
  'badge.svg?component=… (dynamic)',
  `${portal}/status/badge.svg?component=recommendations`,
)
await http('dynamic portal page /login', `${portal}/login`)

// A change as the worker makes it (another process): written, announced over Redis; then the
// time until the page serves it.
const queryable = await db({ payload })
const delays: number[] = []
for (let round = 0; round < CHANGES; round++) {
  const state = round % 2 === 0 ? 'partial_outage' : 'operational'
  const expected = round % 2 === 0 ? 'Partial System Outage' : 'All Systems Operational'
  await queryable.query(`UPDATE status_components SET state = $1 WHERE slug = 'webhooks'`, [state])
  const started = performance.now()
  await announceStatusChange()
  for (;;) {
    const text = await (await fetch(`${portal}/status/api/v2/status.json`)).text()
    if (text.includes(expected)) break
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  delays.push(performance.now() - started)
}
delays.sort((a, b) => a - b)

const pad = (text: string, width: number) => text.padEnd(width)
console.log(
  `\n${pad('target', 40)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('failed', 8)}vs bare node`,
)
for (const row of rows) {
  console.log(
    `${pad(row.name, 40)}${pad(Math.round(row.rps).toString(), 10)}${pad(row.p50.toFixed(2), 9)}${pad(
      row.p99.toFixed(2),
      9,
    )}${pad(String(row.failures), 8)}${((row.rps / bare.rps) * 100).toFixed(1)}%`,
  )
}
console.log(
  `\nchange → served (another process writes and announces; ${CHANGES} rounds): p50 ${delays[Math.floor(CHANGES / 2)].toFixed(0)} ms, max ${delays[CHANGES - 1].toFixed(0)} ms`,
)
console.log(`goal: status page ≥ ${GOAL_RPS} req/s: ${Math.round(page.rps)} req/s`)
fs.rmSync(htmlFile)
await shutdown(0)
