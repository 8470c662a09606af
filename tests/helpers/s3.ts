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

/** Sets the S3_* variables before anything reads the environment (call from vi.hoisted). */
export function s3Env(port: number) {
  process.env.S3_ENDPOINT = `http://127.0.0.1:${port}`
  process.env.S3_BUCKET = TEST_BUCKET
  process.env.S3_ACCESS_KEY_ID = 'S3RVER'
  process.env.S3_SECRET_ACCESS_KEY = 'S3RVER'
  process.env.S3_REGION = 'us-east-1'
}
