// First of all: a bad environment stops here with its message, before other modules read it.
import '../src/runtime/preflight'

import { onShutdown, resolveRuntime } from '../src/runtime/boot'
import { startVerifier } from '../src/verifier'

// The verification server on its own (VERIFIER_PORT): for running it apart from the web process.
await resolveRuntime()
const verifier = await startVerifier()
onShutdown(verifier.stop)
