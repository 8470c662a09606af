/** Runs once when a Next server starts; the Node-only part lives in instrumentation-node.ts. */
export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.NEXT_PHASE !== 'phase-production-build'
  ) {
    const { registerNode } = await import('./instrumentation-node')
    await registerNode()
  }
}
