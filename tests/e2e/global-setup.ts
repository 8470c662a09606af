import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { startFakeGithub } from '../helpers/fakeGithub'
import { startSmtpServer } from '../helpers/smtp'
import { createTestDatabase } from '../helpers/testDatabase'

async function waitForHealthy(url: string, timeoutMs: number, isAlive: () => boolean) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the portal exited while starting')
    try {
      const response = await fetch(url)
      last = `${response.status} ${await response.text()}`
      if (response.ok) return
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`portal not healthy within ${timeoutMs} ms: ${last}`)
}

/**
 * Runs the production build as `npm start` would in production: a fresh database, a real SMTP
 * server that catches mail, demo data, then waits until /api/health is green.
 */
export default async function globalSetup() {
  if (process.env.CI === 'true' && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
    throw new Error('CI runs need DATABASE_URL and REDIS_URL: no Postgres or Redis test may skip.')
  }
  const port = Number(process.env.E2E_PORT ?? 3100)
  const database = await createTestDatabase('tt_e2e')
  const mailDir = path.resolve('.data/test/e2e-mail', String(Date.now()))
  const smtp = await startSmtpServer(mailDir)
  process.env.E2E_MAIL_DIR = mailDir
  // GitHub for the showcase: repositories under tunetrail-e2e/ exist, with facts from their name.
  const github = await startFakeGithub(Number(process.env.E2E_GITHUB_PORT ?? port + 50), (name) =>
    name.startsWith('tunetrail-e2e/')
      ? {
          description: `Fake GitHub facts for ${name}`,
          stargazers_count: 42,
          language: 'TypeScript',
          topics: ['music', 'tunetrail'],
          license: { spdx_id: 'MIT', name: 'MIT License' },
          pushed_at: '2026-11-28T09:00:00Z',
        }
      : undefined,
  )

  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: database.url,
    PAYLOAD_SECRET: 'e2e-secret-that-is-at-least-32-characters-long',
    SERVER_URL: `http://localhost:${port}`,
    PORT: String(port),
    SMTP_URL: smtp.url,
    DATA_DIR: path.resolve('.data/test/e2e'),
    NEXT_TELEMETRY_DISABLED: '1',
    REDIS_KEY_PREFIX: `e2e-${Date.now().toString(36)}:`,
    VERIFIER_PORT: String(Number(process.env.E2E_VERIFIER_PORT ?? 3101)),
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    // Every test signs up from 127.0.0.1.
    SIGNUPS_PER_IP_PER_HOUR: '1000',
    // The SaaS edition's billing (tests/e2e/billing.e2e.spec.ts); its off state (no nav entry,
    // 404s) is covered by tests/int/billing.int.spec.ts.
    BILLING: 'on',
    GITHUB_API_URL: github.url,
  }
  process.env.E2E_VERIFIER_URL = `http://127.0.0.1:${env.VERIFIER_PORT}`
  // Tests that start a second web replica of their own run it with the same settings.
  process.env.E2E_SERVER_ENV = JSON.stringify(env)
  const seed = spawnSync('npx', ['tsx', 'scripts/seed.ts', '--allow-production'], {
    env,
    encoding: 'utf8',
  })
  if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`)

  const server: ChildProcess = spawn('npm', ['start'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  let isAlive = true
  server.on('exit', () => {
    isAlive = false
  })
  await waitForHealthy(`http://localhost:${port}/api/health`, 120_000, () => isAlive)

  return async () => {
    if (isAlive && server.pid) {
      process.kill(-server.pid, 'SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
    }
    await smtp.close()
    await github.close()
    await database.drop()
  }
}
