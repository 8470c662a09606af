/**
 * npm run seed:usage -- --events 10000000 [--days 90] [--force] [--yes]
 *
 * Fills DATABASE_URL with realistic API usage for three seed accounts (src/seed/usageAccounts.ts)
 * and rolls it up, printing how long each took. Seeds nothing when about that many events are
 * already there (`--force` adds them anyway). Refuses a database that looks like production
 * (NODE_ENV=production, or a host other than this machine) unless given `--yes`.
 */
import '../src/runtime/preflight'

import { parseArgs } from 'node:util'

import { loadPayload, migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'
import { seedUsage } from '../src/seed/seedUsage'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '90' },
    force: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
  },
})

const events = Number(values.events)
const days = Number(values.days)
if (!Number.isInteger(events) || events < 1 || events > 100_000_000) {
  console.error('--events must be a whole number from 1 to 100000000.')
  process.exit(1)
}
if (!Number.isInteger(days) || days < 1 || days > 400) {
  console.error('--days must be a whole number from 1 to 400.')
  process.exit(1)
}
if (!process.env.DATABASE_URL) {
  console.error(
    'seed:usage writes millions of rows: set DATABASE_URL to the database to fill (it never picks one itself).',
  )
  process.exit(1)
}
const host = new URL(process.env.DATABASE_URL).hostname
const isLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)
if ((process.env.NODE_ENV === 'production' || !isLocal) && !values.yes) {
  console.error(
    `Refusing to seed ${host}: it looks like production (NODE_ENV=production or a remote host). Pass --yes to seed it anyway.`,
  )
  process.exit(1)
}

await resolveRuntime()
await migrateDatabase()
const payload = await loadPayload()
await seedUsage(payload, { events, days, isForced: values.force, log: console.log })
await shutdown(0)
