// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { migrateDatabase, onShutdown, resolveRuntime } from '../src/runtime/boot'
import { logger } from '../src/lib/logger'
import { startWorker } from '../src/worker'

await resolveRuntime()
await migrateDatabase()
const worker = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4) })
onShutdown(worker.stop)
logger.info({ msg: 'worker running', workerId: worker.id })
