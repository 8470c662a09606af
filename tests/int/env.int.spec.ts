import { describe, expect, it } from 'vitest'

import { assertProductionEnv, parseEnv } from '@/lib/env'

describe('configuration', () => {
  it('names the variable that is malformed', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(
      /DATABASE_URL: must be a URL such as postgres:/,
    )
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ WORKER: 'sometimes' })).toThrow(/WORKER/)
    expect(() => parseEnv({ PAYLOAD_SECRET: 'short' })).toThrow(
      /PAYLOAD_SECRET: must be at least 32/,
    )
  })

  it('treats empty variables as unset and fills defaults', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '', REDIS_URL: '' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.REDIS_URL).toBeUndefined()
    expect(env.PORT).toBe(3000)
    expect(env.EMBEDDED_PG_PORT).toBe(54329)
  })

  it('requires all S3 credentials together', () => {
    expect(() => parseEnv({ S3_BUCKET: 'uploads' })).toThrow(
      /S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    )
  })

  it('refuses to boot production without DATABASE_URL and PAYLOAD_SECRET', () => {
    const env = parseEnv({ NODE_ENV: 'production' })
    expect(() => assertProductionEnv(env)).toThrow('DATABASE_URL and PAYLOAD_SECRET must be set')
    const withDb = parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' })
    expect(() => assertProductionEnv(withDb)).toThrow(/PAYLOAD_SECRET must be set/)
  })
})
