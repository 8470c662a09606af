/** Exit 0 when a worker on this host has beaten recently (container healthcheck). */
// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import os from 'node:os'

import pg from 'pg'

import { databaseUrl } from '../src/lib/defaults'
import { HEARTBEAT_STALE_MS } from '../src/lib/heartbeat'

const client = new pg.Client({ connectionString: databaseUrl() })
await client.connect()
const { rowCount } = await client.query(
  `SELECT 1 FROM worker_heartbeats WHERE hostname = $1 AND beat_at > now() - make_interval(secs => $2)`,
  [os.hostname(), HEARTBEAT_STALE_MS / 1000],
)
await client.end()
process.exit(rowCount ? 0 : 1)
