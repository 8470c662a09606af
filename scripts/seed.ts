// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { loadPayload, migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'
import { isProduction } from '../src/lib/env'
import { DEMO_USERS, seedDemo } from '../src/seed/demo'

await resolveRuntime()
if (isProduction() && !process.argv.includes('--allow-production')) {
  console.error(
    'Refusing to create demo accounts in production (pass --allow-production to insist).',
  )
  await shutdown(1)
}
await migrateDatabase()
const { created } = await seedDemo(await loadPayload())
console.log(created.length ? `Seeded: ${created.join(', ')}` : 'Demo data already present.')
console.log(
  DEMO_USERS.map((u) => `  ${u.roles[0].padEnd(9)} ${u.email} / ${u.password}`).join('\n'),
)
await shutdown(0)
