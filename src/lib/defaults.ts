import { randomBytes } from 'node:crypto'
import fs from 'node:fs'

import { env, isBuildPhase, isProduction } from './env'
import { dataDir, dataPath } from './paths'

export const EMBEDDED_DATABASE = 'tunetrail'

/** Connection string of the embedded Postgres that `npm run dev` and the scripts start. */
export const embeddedDatabaseUrl = (database = EMBEDDED_DATABASE) =>
  `postgres://postgres:postgres@127.0.0.1:${env().EMBEDDED_PG_PORT}/${database}`

/**
 * DATABASE_URL, or the embedded database. Never throws, so the config can be imported before
 * `resolveRuntime()` (scripts) or `register()` (Next) refuse a production boot without it.
 */
export function databaseUrl(): string {
  return env().DATABASE_URL ?? embeddedDatabaseUrl()
}

/**
 * PAYLOAD_SECRET, or outside production a secret generated once into .data/secret.
 * In production a missing secret gets a throwaway value here (a build signs nothing), and every
 * production entry point (`npm start`, the Next server's register()) refuses to run without it.
 */
export function payloadSecret(): string {
  const { PAYLOAD_SECRET } = env()
  if (PAYLOAD_SECRET) return PAYLOAD_SECRET
  if (isProduction() || isBuildPhase()) return randomBytes(32).toString('hex')
  const file = dataPath('secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  }
  return fs.readFileSync(file, 'utf8').trim()
}

export const serverUrl = () => env().SERVER_URL ?? `http://localhost:${env().PORT}`

export const tunetrailApiUrl = () => env().TUNETRAIL_API_URL ?? 'https://api.tunetrail.dev'

export const mailFrom = () => env().MAIL_FROM ?? 'TuneTrail Community <no-reply@tunetrail.dev>'
