import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

type S3rverInstance = { run: () => Promise<{ port: number }>; close: () => Promise<void> }
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance

/** s3rver ships no types; this is the part of it the tests use. */
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass

export const TEST_BUCKET = 'tunetrail-models-test'

/**
 * A real S3-protocol server (s3rver) on a loopback port with one bucket, files in a temporary
 * directory. Its credentials are s3rver's fixed S3RVER/S3RVER. s3rver does not implement
 * ListParts: the portal records parts itself, so nothing here needs it.
 */
export async function startS3(port: number) {
  const directory = mkdtempSync(path.join(tmpdir(), 'tt-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  })
  await server.run()
  return {
    close: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

/**
 * Picks this worker's s3rver port in [base, base + span) from its pid, so test files running in
 * parallel each get their own, and points the S3_* variables at it. Call it from vi.hoisted, which
 * runs before the imports (so the helper is imported there), before anything reads the environment:
 * `const S3_PORT = await vi.hoisted(async () => (await import('../helpers/s3')).useTestS3(20_000, 20_000))`.
 * fetch refuses some ports below 11000 (10080 is a "bad port").
 */
export function useTestS3(base: number, span: number) {
  const port = base + (process.pid % span)
  s3Env(port)
  return port
}

/** Sets the S3_* variables before anything reads the environment (call from vi.hoisted). */
export function s3Env(port: number) {
  process.env.S3_ENDPOINT = `http://127.0.0.1:${port}`
  process.env.S3_BUCKET = TEST_BUCKET
  process.env.S3_ACCESS_KEY_ID = 'S3RVER'
  process.env.S3_SECRET_ACCESS_KEY = 'S3RVER'
  process.env.S3_REGION = 'us-east-1'
}
