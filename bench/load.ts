import { spawn, type ChildProcess } from 'node:child_process'

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
