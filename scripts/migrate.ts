// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'

await resolveRuntime()
await migrateDatabase()
console.log('Database is up to date.')
await shutdown(0)
