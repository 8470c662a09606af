import { migrateDatabase, resolveRuntime } from '../src/lib/boot'
import { runChild } from '../src/lib/children'
import { env } from '../src/lib/env'

// Production entry point: refuses to boot without DATABASE_URL and PAYLOAD_SECRET,
// applies pending migrations, then serves (with the worker in-process unless WORKER=off).
await resolveRuntime()
await migrateDatabase()
runChild('npx', ['next', 'start', '--port', String(env().PORT)], {
  NODE_OPTIONS: '--no-deprecation',
})
