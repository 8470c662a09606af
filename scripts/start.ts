// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import fs from 'node:fs'

import { migrateDatabase, resolveRuntime, shutdown } from '../src/runtime/boot'
import { runChild } from '../src/runtime/children'
import { env, setEnv } from '../src/lib/env'
import { dataPath } from '../src/lib/paths'

const SERVER = '.next/standalone/portal-server.mjs'

// Production entry point: refuses to boot without DATABASE_URL and PAYLOAD_SECRET, applies
// pending migrations, then runs the portal's server over Next's standalone build (with the
// worker in-process unless WORKER=off).
await resolveRuntime()
if (!fs.existsSync(SERVER)) {
  console.error('No production build found: run `npm run build` first.')
  await shutdown(1)
}
await migrateDatabase()
// The standalone server changes its working directory: pin the data directory first.
setEnv('DATA_DIR', dataPath())
runChild('node', [SERVER], {
  NODE_OPTIONS: '--no-deprecation',
  PORT: String(env().PORT),
  HOSTNAME: '0.0.0.0',
})
