import { env } from '../env'

/**
 * The key verification server's own health route, on this host's VERIFIER_PORT (it runs inside
 * the web process by default). A verifier deployed elsewhere is checked with an HTTP check of
 * its URL instead.
 */
export async function verifierProbe(): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${env().VERIFIER_PORT}/health`, {
    signal: AbortSignal.timeout(5000),
  })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  const body = (await response.json()) as { redis?: string }
  return body.redis ? `redis ${body.redis}` : undefined
}
