/** Runs a Payload CLI command (migrate:create, generate:types…) with the embedded defaults resolved. */
// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { spawn } from 'node:child_process'

import { onShutdown, resolveRuntime, shutdown } from '../src/runtime/boot'

await resolveRuntime()
const child = spawn('npx', ['payload', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: '--no-deprecation' },
})
onShutdown(async () => {
  child.kill('SIGTERM')
})
child.on('exit', (code) => void shutdown(code ?? 1))
