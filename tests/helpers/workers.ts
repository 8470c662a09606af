/** Integration test files run on this many workers, each with its own copy of the database. */
export const INT_TEST_WORKERS = Math.max(1, Number(process.env.INT_TEST_WORKERS ?? 2))
