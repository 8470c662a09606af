export const HEARTBEAT_INTERVAL_MS = 10_000
/** A worker that has not beaten for this long counts as gone. */
export const HEARTBEAT_STALE_MS = 45_000
