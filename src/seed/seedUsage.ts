import pg from 'pg'
import type { Payload } from 'payload'

import { databaseUrl } from '../lib/defaults'
import { rollUpAll, SETTLE_SECONDS } from '../lib/usage/rollup'
import { seedUsageEvents } from './usage'
import { ensureSeedAccounts, seededEvents, type SeedAccounts } from './usageAccounts'

export type SeedUsageResult = {
  accounts: SeedAccounts
  /** Events of the seed accounts once done. */
  events: number
  /** Events written by this run (0 when enough were there), and how long it took. */
  written: number
  seedMs: number
  rollupMs: number
}

/**
 * Seeds about `events` usage events for the seed accounts (unless about that many are there
 * already, or `isForced`), then rolls everything up. What scripts/seed-usage.ts and
 * bench/analytics.ts run; `log` gets the progress and the timings.
 */
export async function seedUsage(
  payload: Payload,
  options: { events: number; days?: number; isForced?: boolean; log?: (line: string) => void },
): Promise<SeedUsageResult> {
  const log = options.log ?? (() => undefined)
  // Its own connection: a large sort for the first roll-up, no JIT for generated statements.
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max: 1,
    options: '-c work_mem=256MB -c jit=off',
  })
  try {
    const accounts = await ensureSeedAccounts(payload)
    const before = await seededEvents(pool, accounts)
    let written = 0
    let seedMs = 0
    if (before >= options.events * 0.95 && !options.isForced) {
      log(`${before.toLocaleString('en')} usage events already seeded: not seeding again.`)
    } else {
      const started = performance.now()
      let lastLog = started
      written = await seedUsageEvents(pool, {
        keys: accounts.keys,
        events: options.events,
        days: options.days,
        onProgress: (count, day, days) => {
          if (performance.now() - lastLog < 5000 && day < days) return
          lastLog = performance.now()
          log(`  day ${day}/${days}: ${count.toLocaleString('en')} events`)
        },
      })
      // Summarises the BRIN ranges of the new rows (roll-ups find a day's events through them)
      // and refreshes the planner's statistics.
      await pool.query('VACUUM ANALYZE usage_events')
      seedMs = performance.now() - started
      log(
        `Seeded ${written.toLocaleString('en')} usage events in ${(seedMs / 1000).toFixed(1)} s (${Math.round(written / (seedMs / 1000)).toLocaleString('en')}/s).`,
      )
    }
    // Roll-ups leave the last seconds' events for the next run (they may still be committing).
    await new Promise((resolve) => setTimeout(resolve, (SETTLE_SECONDS + 1) * 1000))
    const started = performance.now()
    const rows = await rollUpAll(pool)
    await pool.query(
      'ANALYZE usage_rollups, usage_endpoint_rollups, usage_latency_rollups, usage_ip_rollups, usage_country_rollups',
    )
    const rollupMs = performance.now() - started
    log(
      `Rolled up in ${(rollupMs / 1000).toFixed(1)} s: ${rows.minute.toLocaleString('en')} minute, ${rows.hour.toLocaleString('en')} hour, ${rows.day.toLocaleString('en')} day, ${rows.week.toLocaleString('en')} week rows written.`,
    )
    return { accounts, events: before + written, written, seedMs, rollupMs }
  } finally {
    await pool.end()
  }
}
