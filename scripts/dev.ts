// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { loadPayload, migrateDatabase, resolveRuntime } from '../src/runtime/boot'
import { runChild } from '../src/runtime/children'
import { serverUrl } from '../src/lib/defaults'
import { env } from '../src/lib/env'
import { DEMO_USERS, seedDemo } from '../src/seed/demo'

await resolveRuntime()
await migrateDatabase()
await seedDemo(await loadPayload())

// Next in development mode behind the portal's own server (client addresses, see src/runtime).
runChild('node', ['--import', 'tsx', 'src/runtime/server.ts'], {
  NODE_OPTIONS: '--no-deprecation',
  PORT: String(env().PORT),
  // Like `next dev`: reachable from other devices on the network.
  HOSTNAME: '0.0.0.0',
})

const url = serverUrl()
console.log(`
  TuneTrail Community Portal (development)
  Portal:  ${url}
  Admin:   ${url}/admin
  Health:  ${url}/api/health
  Mail:    ${env().SMTP_URL ? env().SMTP_URL?.replace(/\/\/[^@]*@/, '//') : '.data/mail/*.eml (links are logged)'}

  Demo logins (development only):
${DEMO_USERS.map((u) => `    ${u.roles[0].padEnd(9)} ${u.email.padEnd(30)} ${u.password}`).join('\n')}
`)
