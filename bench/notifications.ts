/**
 * npm run bench:notifications — how soon the bell hears of a change. Each round publishes an
 * event in a transaction (as a key revocation does), and times until the recipient's listener
 * on the Redis channel fires: event row → fan-out job → notification row → announcement. The
 * baseline, in the same run, is a bare Redis publish heard by the same listener. Prints numbers;
 * asserts nothing.
 */
import { createLocalReq } from 'payload'

import { onShutdown, shutdown } from '../src/runtime/boot'
import { publishEventFor } from '../src/lib/events/publish'
import { announce, listen, userTopic } from '../src/lib/notifications/live'
import { readPreferences, savePreferences } from '../src/lib/notifications/preferences'
import { startWorker } from '../src/worker'
import { benchUser, startBench } from './setup'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200)

const payload = await startBench()
const worker = await startWorker({ concurrency: 4 })
onShutdown(() => worker.stop())

const user = await benchUser(payload, 'bell')
// Only the bell is timed: no mail for 2 × ROUNDS notifications.
const { preferences } = await readPreferences(payload, user.id)
await savePreferences(payload, user.id, { ...preferences, digest: 'off' })

let heard: () => void = () => undefined
listen(userTopic(user.id), () => heard())
const nextHeard = () =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not heard within 30 s')), 30_000)
    heard = () => {
      clearTimeout(timer)
      heard = () => undefined
      resolve()
    }
  })

async function rounds(name: string, once: (round: number) => Promise<unknown>) {
  const latencies: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const waiting = nextHeard()
    const started = performance.now()
    await once(round)
    await waiting
    latencies.push(performance.now() - started)
  }
  latencies.sort((a, b) => a - b)
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * ROUNDS))]
  console.log(
    `${name.padEnd(34)} ${String(ROUNDS).padEnd(7)} ${at(50).toFixed(1).padEnd(9)} ` +
      `${at(99).toFixed(1).padEnd(9)} ${at(100).toFixed(1)}`,
  )
  return at(50)
}

// The subscriber connects on first use: one announcement before anything is timed.
const warm = nextHeard()
await announce([user.id])
await warm

console.log('bench:notifications: web listener, worker and Redis in one process')
console.log('path                               rounds  p50 ms    p99 ms    max ms')
const baseline = await rounds('baseline: Redis publish → listener', () => announce([user.id]))
const full = await rounds('event → notification → listener', async (round) =>
  publishEventFor(await createLocalReq({}, payload), {
    type: 'api_key.revoked',
    account: { owner: user.id, organization: null },
    data: { key_id: round, name: `bench ${round}`, display: 'tt_test_…bench' },
  }),
)
console.log(`ratio (p50, event path / baseline): ${(full / baseline).toFixed(1)}×`)
await shutdown(0)
