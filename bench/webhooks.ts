/**
 * npm run bench:webhooks — publishes events to a local receiver through the real pipeline
 * (event row + fan-out job in one transaction → delivery job → signed POST) and prints
 * event-to-receipt latency p50/p99 and deliveries per second. Prints numbers; asserts nothing.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq } from 'payload'

import { onShutdown, shutdown } from '../src/runtime/boot'
import { setEnv } from '../src/lib/env'
import { publishEventFor as publishEvent } from '../src/lib/events/publish'
import { startWorker } from '../src/worker'
import { benchUser, startBench } from './setup'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000)
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 8)
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16)

const payload = await startBench(() => setEnv('WEBHOOK_ALLOW_LOOPBACK', 'true'))

// The receiver notes when each event arrives.
const sentAt = new Map<string, number>()
let latencies: number[] = []
let lastReceipt = 0
let expected = 0
let allReceived: () => void = () => undefined
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const now = performance.now()
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      data: { track_id: string }
    }
    const started = sentAt.get(body.data.track_id)
    if (started !== undefined) {
      latencies.push(now - started)
      sentAt.delete(body.data.track_id)
      lastReceipt = now
      if (latencies.length === expected) allReceived()
    }
    response.writeHead(204)
    response.end()
  })
})
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`

const worker = await startWorker({ concurrency: WORKER_CONCURRENCY })
onShutdown(async () => {
  await worker.stop()
  receiver.close()
})

const stamp = Date.now().toString(36)
const user = await benchUser(payload, 'hooks')
await payload.create({
  collection: 'webhook-endpoints',
  data: { url, events: ['track.created'], maxPerSecond: 1000 } as never,
  overrideAccess: false,
  user: { ...user, collection: 'users' },
})

/** Publishes `events` with `publishers` concurrent publishers and waits for every receipt. */
async function phase(name: string, events: number, publishers: number) {
  latencies = []
  expected = events
  const done = new Promise<void>((resolve) => {
    allReceived = resolve
  })
  let next = 0
  const firstPublish = performance.now()
  await Promise.all(
    Array.from({ length: publishers }, async () => {
      while (next < events) {
        const id = `bench-${stamp}-${name}-${next++}`
        sentAt.set(id, performance.now())
        await publishEvent(await createLocalReq({}, payload), {
          type: 'track.created',
          account: { owner: user.id, organization: null },
          data: { track_id: id, title: 'Bench', artist: 'Bench' },
        })
      }
    }),
  )
  const publishedIn = performance.now() - firstPublish
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 300_000))])
  latencies.sort((a, b) => a - b)
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  const seconds = (lastReceipt - firstPublish) / 1000
  console.log(
    `${name.padEnd(12)} ${String(events).padEnd(7)} ${String(publishers).padEnd(11)} ` +
      `${(events / (publishedIn / 1000)).toFixed(0).padEnd(12)} ${String(latencies.length).padEnd(9)} ` +
      `${at(50).toFixed(1).padEnd(9)} ${at(99).toFixed(1).padEnd(9)} ${(latencies.length / seconds).toFixed(0)}`,
  )
}

console.log(
  `bench:webhooks: web, worker (concurrency ${WORKER_CONCURRENCY}) and receiver in one process`,
)
console.log(
  'phase        events  publishers  published/s  received  p50 ms    p99 ms    delivered/s',
)
await phase('one by one', Math.min(200, EVENTS), 1)
await phase('burst', EVENTS, PUBLISHERS)
await shutdown(0)
