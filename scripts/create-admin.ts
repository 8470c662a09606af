// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { parseArgs } from 'node:util'

import { loadPayload, migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'
import { createAdmin } from '../src/seed/admin'

/**
 * npm run create-admin -- --email <email> --password <password> [--name <name>]
 * (or the password in ADMIN_PASSWORD, which keeps it out of the process list and shell history).
 * Creates a verified admin: the way to the first admin of a production deployment. With an
 * email that already has an account it changes nothing and exits 0.
 */
const usage = 'Usage: npm run create-admin -- --email <email> --password <password> [--name <name>]'

let values: { email?: string; password?: string; name?: string }
try {
  ;({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
    },
  }))
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`)
  process.exit(2)
}
values.password ??= process.env.ADMIN_PASSWORD
if (!values.email || !values.password) {
  console.error(usage)
  process.exit(2)
}

await resolveRuntime()
await migrateDatabase()
const result = await createAdmin(await loadPayload(), {
  email: values.email,
  password: values.password,
  name: values.name,
})
if (!result.ok) {
  console.error(result.message)
  await shutdown(1)
}
console.log(result.message)
await shutdown(0)
