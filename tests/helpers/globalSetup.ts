import { spawnSync } from 'node:child_process'

import path from 'node:path'

import { startSmtpServer } from './smtp'
import { INT_TEST_WORKERS } from './workers'
import { copyTestDatabase, createTestDatabase, type TestDatabase } from './testDatabase'

/**
 * One fresh, migrated database for the integration run, copied once per test worker (files of
 * one worker run one after another on its copy); all dropped afterwards.
 */
export default async function setup() {
  if (process.env.CI === 'true' && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
    throw new Error('CI runs need DATABASE_URL and REDIS_URL: no Postgres or Redis test may skip.')
  }
  const database = await createTestDatabase()
  process.env.DATABASE_URL = database.url
  process.env.PAYLOAD_SECRET ??= 'test-secret-that-is-at-least-32-characters-long'
  process.env.DATA_DIR ??= '.data/test'
  // Rate-limit counters of this run's fresh database must not meet those of earlier runs.
  process.env.REDIS_KEY_PREFIX = `test-${Date.now().toString(36)}:`
  // Test receivers listen on loopback; a short timeout keeps the timeout test quick.
  process.env.WEBHOOK_ALLOW_LOOPBACK = 'true'
  process.env.WEBHOOK_TIMEOUT_MS = '1500'
  process.env.TEST_MAIL_DIR = path.resolve('.data/test/caught-mail', String(Date.now()))
  const smtp = await startSmtpServer(process.env.TEST_MAIL_DIR)
  process.env.SMTP_URL = smtp.url
  const migrate = spawnSync('npx', ['tsx', 'scripts/migrate.ts'], {
    encoding: 'utf8',
    env: process.env,
  })
  if (migrate.status !== 0) {
    throw new Error(`migrations failed (${migrate.status}):\n${migrate.stdout}\n${migrate.stderr}`)
  }
  const copies: TestDatabase[] = []
  for (let worker = 1; worker <= INT_TEST_WORKERS; worker++) {
    const copy = await copyTestDatabase(database, `w${worker}`)
    copies.push(copy)
    process.env[`TEST_DATABASE_URL_${worker}`] = copy.url
  }
  return async () => {
    await smtp.close()
    for (const copy of copies) await copy.drop()
    await database.drop()
  }
}
