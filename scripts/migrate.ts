import { migrateDatabase, resolveRuntime, shutdown } from '../src/lib/boot'

await resolveRuntime()
await migrateDatabase()
console.log('Database is up to date.')
await shutdown(0)
