/**
 * Server-only entry point (it reaches the database). Client components import what they need
 * from './range' (constants and types) and './csv' instead, or types from here with
 * `import type`.
 *
 * Analytics over API key usage: chart series read from roll-ups (plus the last minute or two of
 * raw events, so fresh calls show), a request log over the raw events, CSV for each, and who
 * may read which account. Every function takes a Queryable (analyticsDb() in the app) and
 * answers plain JSON-able data.
 */
export { analyticsDb, closeAnalyticsDb, isStatementTimeout } from './db'
export * from './csv'
export * from './http'
export * from './log'
export * from './query'
export * from './range'
export * from './registry'
export * from './scope'
export * from './series'
