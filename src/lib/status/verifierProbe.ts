import { env } from '../env'

/**
 * The key verification server's own health route: at VERIFIER_URL when the verifier runs apart
 * (its own container), otherwise on this host's VERIFIER_PORT (inside the web process).
 */
export async function verifierProbe(): Promise<string | undefined> {
  const { VERIFIER_URL, VERIFIER_PORT } = env()
  const base = VERIFIER_URL ?? `http://127.0.0.1:${VERIFIER_PORT}`
  const response = await fetch(new URL('health', base.endsWith('/') ? base : `${base}/`), {
    signal: AbortSignal.timeout(5000),
  })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  const body = (await response.json()) as { redis?: string }
  return body.redis ? `redis ${body.redis}` : undefined
}
