import { describe, expect, it } from 'vitest'

import { runScript, STACK_LINE } from '../helpers/runScript'

describe('a bad environment value', () => {
  it('stops every entry point with the variable named, exit code 1 and no stack trace', async () => {
    const cases: { script: string; env: Record<string, string>; says: string }[] = [
      { script: 'scripts/dev.ts', env: { PORT: 'abc' }, says: 'PORT: must be a whole number' },
      {
        script: 'scripts/worker.ts',
        env: { REDIS_URL: 'notaurl' },
        says: 'REDIS_URL: must be a URL',
      },
      {
        script: 'scripts/migrate.ts',
        env: { DATABASE_URL: 'foo' },
        says: 'DATABASE_URL: must be a URL',
      },
      {
        script: 'scripts/start.ts',
        env: { NODE_ENV: 'production', PAYLOAD_SECRET: 'too-short' },
        says: 'PAYLOAD_SECRET: must be at least 32 characters long',
      },
    ]
    const results = await Promise.all(cases.map(({ script, env }) => runScript(script, env)))
    results.forEach((result, index) => {
      expect(result.code, cases[index].script).toBe(1)
      expect(result.stderr).toContain('Invalid configuration:')
      expect(result.stderr).toContain(cases[index].says)
      expect(result.stderr).not.toMatch(STACK_LINE)
    })
  }, 60_000)

  it('names the allowed range of a number that is not one', async () => {
    const { parseEnv } = await import('@/lib/env')
    expect(() => parseEnv({ PORT: 'abc' })).toThrow('PORT: must be a whole number from 1 to 65535')
    expect(() => parseEnv({ EMBEDDED_PG_PORT: '80' })).toThrow(
      'EMBEDDED_PG_PORT: must be a whole number from 1024 to 65535',
    )
  })
})

describe('shutting down', () => {
  it('exits with its own code even when a cleanup step never settles', async () => {
    const result = await runScript('tests/fixtures/shutdownHang.ts', {})
    expect(result.code, result.stderr).toBe(3)
  }, 60_000)
})
