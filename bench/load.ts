import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

/** One measured target, as the benches print it. */
export type Row = {
  name: string
  rps: number
  p50: number
  p99: number
  failures: number
  p95?: number
}

/** The p-th percentile of sorted values (0 when there are none). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/**
 * HTTP load with autocannon after a 2 s warm-up; every response time is kept (autocannon's
 * histogram has whole milliseconds) for exact percentiles.
 */
export async function measureHttp(
  name: string,
  options: autocannon.Options,
  seconds: number,
): Promise<Row> {
  await autocannon({ ...options, duration: 2 })
  const latencies: number[] = []
  const instance = autocannon({ ...options, duration: seconds })
  ;(instance as unknown as autocannon.Instance).on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms)
  })
  const result = await instance
  latencies.sort((a, b) => a - b)
  return {
    name,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.errors + result.timeouts + result.non2xx,
  }
}

/** Starts a server for a bench (its own process group, so it can be stopped with its children). */
export function startProcess(
  children: ChildProcess[],
  command: string,
  args: string[],
  extra: Record<string, string>,
): ChildProcess {
  const child = spawn(command, args, {
    env: { ...process.env, NODE_OPTIONS: '--no-deprecation', ...extra },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  children.push(child)
  return child
}

/** Waits up to 2 minutes until `url` answers below 500. */
export async function waitUntilUp(url: string, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const isUp = await fetch(url, init).then(
      (response) => response.status < 500,
      () => false,
    )
    if (isUp) return
    if (Date.now() > deadline) throw new Error(`${url} did not come up`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/** Stops the bench's servers (each with its process group) when the bench shuts down. */
export function stopOnShutdown(
  onShutdown: (work: () => Promise<void>) => void,
  children: ChildProcess[],
): void {
  onShutdown(async () => {
    for (const child of children) {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  })
}

/**
 * The portal of the production build as `npm start` runs it, without the worker and verifier
 * (only pages are measured), once it answers; returns its address.
 */
export async function startPortal(children: ChildProcess[], port: number): Promise<string> {
  startProcess(children, 'node', ['.next/standalone/portal-server.mjs'], {
    NODE_ENV: 'production',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    WORKER: 'off',
    VERIFIER: 'off',
    DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
  })
  const portal = `http://127.0.0.1:${port}`
  // /api/health reports the worker too, which is off here: wait for a page instead.
  await waitUntilUp(`${portal}/login`)
  return portal
}

/**
 * A bare node:http server answering `html` to every request (the floor a page is compared
 * with), once it answers; returns its address. Its temporary file goes with the process.
 */
export async function startBareHtmlServer(
  children: ChildProcess[],
  port: number,
  html: string,
): Promise<string> {
  const file = path.join(os.tmpdir(), `bench-bare-${process.pid}-${port}.html`)
  fs.writeFileSync(file, html)
  process.once('exit', () => fs.rmSync(file, { force: true }))
  startProcess(
    children,
    'node',
    [
      '-e',
      `const b=require('fs').readFileSync(process.env.BENCH_HTML);require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8'});s.end(b)}).listen(${port})`,
    ],
    { BENCH_HTML: file },
  )
  const url = `http://127.0.0.1:${port}/`
  await waitUntilUp(url)
  return url
}

/** The rows as a table, with each row's throughput as a share of `baseline`'s. */
export function printRows(rows: Row[], baseline: Row, width = 40): void {
  const pad = (text: string, n: number) => text.padEnd(n)
  console.log(
    `\n${pad('target', width)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('failed', 8)}vs bare node`,
  )
  for (const row of rows) {
    console.log(
      `${pad(row.name, width)}${pad(Math.round(row.rps).toString(), 9)}${pad(row.p50.toFixed(1), 9)}${pad(
        (row.p95 ?? 0).toFixed(1),
        9,
      )}${pad(row.p99.toFixed(1), 9)}${pad(String(row.failures), 8)}${((row.rps / baseline.rps) * 100).toFixed(1)}%`,
    )
  }
}
