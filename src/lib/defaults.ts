import { randomBytes } from 'node:crypto'
import fs from 'node:fs'

import { env, isBuildPhase, isProduction } from './env'
import { dataDir, dataPath } from './paths'

export const EMBEDDED_DATABASE = 'tunetrail'

/** Connection string of the embedded Postgres that `npm run dev` and the scripts start. */
export const embeddedDatabaseUrl = (database = EMBEDDED_DATABASE) =>
  `postgres://postgres:postgres@127.0.0.1:${env().EMBEDDED_PG_PORT}/${database}`

/** DATABASE_URL, or the embedded database outside production. */
export function databaseUrl(): string {
  const { DATABASE_URL } = env()
  if (DATABASE_URL) return DATABASE_URL
  if (isProduction() && !isBuildPhase()) {
    throw new Error('DATABASE_URL must be set in production')
  }
  return embeddedDatabaseUrl()
}

/**
 * PAYLOAD_SECRET, or outside production a secret generated once into .data/secret.
 * A production build gets a throwaway value: the build signs nothing, and `npm start` refuses
 * to run without the real one.
 */
export function payloadSecret(): string {
  const { PAYLOAD_SECRET } = env()
  if (PAYLOAD_SECRET) return PAYLOAD_SECRET
  if (isBuildPhase()) return randomBytes(32).toString('hex')
  if (isProduction()) throw new Error('PAYLOAD_SECRET must be set in production')
  const file = dataPath('secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  }
  return fs.readFileSync(file, 'utf8').trim()
}

export const serverUrl = () => env().SERVER_URL ?? `http://localhost:${env().PORT}`

export const mailFrom = () => env().MAIL_FROM ?? 'TuneTrail Community <no-reply@tunetrail.dev>'
