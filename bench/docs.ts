/**
 * npm run bench:docs — throughput of a static docs page from the production build, next to a
 * bare node:http server answering the same HTML, and a dynamic portal page, in one run.
 * Needs `npm run build` first. Prints numbers and ratios; asserts nothing. Uses DATABASE_URL /
 * REDIS_URL when set, otherwise embedded Postgres and the in-process store.
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { onShutdown, shutdown } from '../src/runtime/boot'
import { seedDocs } from '../src/seed/docs'
import { measureHttp, startProcess, waitUntilUp, type Row } from './load'
import { startBench } from './setup'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const BARE_PORT = 3295
const NEXT_PORT = 3296
const PAGE = '/docs/getting-started/quickstart'
const GOAL_RPS = 1500

const rows: Row[] = []
const children: ChildProcess[] = []

if (!fs.existsSync('.next/standalone/portal-server.mjs')) {
  console.log('bench:docs needs a production build: run `npm run build` first')
  process.exit(1)
}

const payload = await startBench()
onShutdown(async () => {
  for (const child of children) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
})
await seedDocs(payload)

async function http(name: string, url: string): Promise<Row> {
  const row = await measureHttp(name, { url, connections: CONNECTIONS }, DURATION_S)
  rows.push(row)
  return row
}

// The portal, as `npm start` runs it (the worker and verifier off: only pages are measured).
startProcess(children, 'node', ['.next/standalone/portal-server.mjs'], {
  NODE_ENV: 'production',
  PORT: String(NEXT_PORT),
  HOSTNAME: '127.0.0.1',
  WORKER: 'off',
  VERIFIER: 'off',
  DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
})
const portal = `http://127.0.0.1:${NEXT_PORT}`
// /api/health reports the worker too, which is off here: wait for a page instead.
await waitUntilUp(`${portal}/login`)
// The first request renders and caches the page; the bare server answers the same bytes.
const first = await fetch(`${portal}${PAGE}`)
if (!first.ok) throw new Error(`${PAGE} answered ${first.status}`)
const html = await first.text()
/** A request's header, with its body read (Next finishes, and the page cache keeps, only then). */
async function headerOf(name: string) {
  const response = await fetch(`${portal}${PAGE}`)
  await response.arrayBuffer()
  return response.headers.get(name) ?? 'none'
}
const cacheState = await headerOf('x-nextjs-cache')
// From the third request on, the server's page cache answers (src/runtime/pageCache.ts).
const pageCacheState = await headerOf('x-portal-cache')

const htmlFile = path.join(os.tmpdir(), `bench-docs-${process.pid}.html`)
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
  `bench:docs on ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION_S}s per run, ` +
    `page ${PAGE} (${(html.length / 1024).toFixed(1)} KiB, x-nextjs-cache: ${cacheState}, x-portal-cache: ${pageCacheState})`,
)
await waitUntilUp(`http://127.0.0.1:${BARE_PORT}/`)
const bare = await http('bare node:http, same HTML', `http://127.0.0.1:${BARE_PORT}/`)
const docs = await http(`docs page ${PAGE}`, `${portal}${PAGE}`)
await http('docs index /docs', `${portal}/docs`)
await http('dynamic portal page /login', `${portal}/login`)

const pad = (text: string, width: number) => text.padEnd(width)
console.log(
  `\n${pad('target', 46)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('failed', 8)}vs bare node`,
)
for (const row of rows) {
  console.log(
    `${pad(row.name, 46)}${pad(Math.round(row.rps).toString(), 10)}${pad(row.p50.toFixed(2), 9)}${pad(
      row.p99.toFixed(2),
      9,
    )}${pad(String(row.failures), 8)}${((row.rps / bare.rps) * 100).toFixed(1)}%`,
  )
}
console.log(`\ngoal: docs page ≥ ${GOAL_RPS} req/s: ${Math.round(docs.rps)} req/s`)
fs.rmSync(htmlFile)
await shutdown(0)
