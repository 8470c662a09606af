/**
 * Runs in each test worker before its files: points the worker at its own copy of the database
 * and its own Redis key prefix, so files on different workers never see each other's rows,
 * counters or pub/sub messages.
 */
const worker = process.env.VITEST_POOL_ID ?? '1'
const url = process.env[`TEST_DATABASE_URL_${worker}`]
if (!url) throw new Error(`no test database for worker ${worker}`)
process.env.DATABASE_URL = url
process.env.REDIS_KEY_PREFIX = `${process.env.REDIS_KEY_PREFIX ?? 'test:'}w${worker}:`
