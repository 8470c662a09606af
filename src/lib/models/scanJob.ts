import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { PoolClient } from 'pg'

import { dataPath } from '../paths'
import { fileSource } from './byteSource'
import { settleVersion } from './publish'
import { scanSource, type ScanResult } from './scan'
import { readObject } from './storage'

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

/**
 * The safety scan of one uploaded file: its bytes are copied once to a temporary file (hashing
 * them on the way: the recorded sha256 is the portal's, not the uploader's claim), inspected by
 * what they are (src/lib/models/scan.ts), and the verdict stored; a version waiting for its
 * scans is published when this was its last. Null when the file is gone.
 */
export async function scanModelFile(
  withClient: WithClient,
  fileId: number,
): Promise<(ScanResult & { sha256: string }) | null> {
  const file = await withClient(async (client) => {
    const { rows } = await client.query<{
      filename: string
      storage_key: string
      version_id: number
    }>('SELECT filename, storage_key, version_id FROM model_files WHERE id = $1', [fileId])
    return rows[0] ?? null
  })
  if (!file) return null
  await mkdir(dataPath('tmp'), { recursive: true })
  const temp = dataPath('tmp', `scan-${fileId}-${randomBytes(6).toString('hex')}`)
  try {
    const hash = createHash('sha256')
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        done(null, chunk)
      },
    })
    await pipeline(await readObject(file.storage_key), tap, createWriteStream(temp))
    const sha256 = hash.digest('hex')
    const source = fileSource(temp)
    let result: ScanResult
    try {
      result = scanSource(source, file.filename)
    } finally {
      source.close()
    }
    await withClient(async (client) => {
      await client.query('BEGIN')
      try {
        // Every file referencing the same object (a fork made while the scan ran) shares the
        // verdict, and each of their versions may now be waiting on no other scan.
        const { rows: versions } = await client.query<{ version_id: number }>(
          `UPDATE model_files SET scan_status = $2, scan_findings = $3::jsonb, scanned_at = now(),
                  sha256 = $4, updated_at = now()
            WHERE id = $1 OR (storage_key = $5 AND scan_status = 'pending')
            RETURNING version_id`,
          [
            fileId,
            result.status,
            JSON.stringify({ format: result.format, findings: result.findings }),
            sha256,
            file.storage_key,
          ],
        )
        for (const versionId of new Set(versions.map((row) => row.version_id))) {
          await settleVersion(client, versionId)
        }
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    })
    return { ...result, sha256 }
  } finally {
    await rm(temp, { force: true })
  }
}

/**
 * The scan's last attempt failed (the object unreadable, the worker out of memory …): the file
 * is marked `error` — held from everyone but its owners and staff, like a flagged one, until
 * staff review it — and its version no longer waits for it.
 */
export async function markScanFailed(
  withClient: WithClient,
  fileId: number,
  reason: string,
): Promise<void> {
  await withClient(async (client) => {
    await client.query('BEGIN')
    try {
      const { rows } = await client.query<{ version_id: number }>(
        `UPDATE model_files SET scan_status = 'error', scan_findings = $2::jsonb,
                scanned_at = now(), updated_at = now()
          WHERE scan_status = 'pending'
            AND (id = $1 OR storage_key = (SELECT storage_key FROM model_files WHERE id = $1))
          RETURNING version_id`,
        [
          fileId,
          JSON.stringify({
            format: 'unscanned',
            findings: [
              {
                severity: 'unknown',
                detail: `The scan failed: ${reason.slice(0, 300)}`,
                offset: 0,
              },
            ],
          }),
        ],
      )
      for (const versionId of new Set(rows.map((row) => row.version_id))) {
        await settleVersion(client, versionId)
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  })
}
