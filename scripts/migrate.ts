import { migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'

await resolveRuntime()
await migrateDatabase()
console.log('Database is up to date.')
await shutdown(0)
