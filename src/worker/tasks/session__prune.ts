import type { Task } from 'graphile-worker'

/** Daily: drop login sessions that expired more than a day ago. */
export const session__prune: Task = async (_payload, helpers) => {
  const { rowCount } = await helpers.query(
    `DELETE FROM user_sessions WHERE expires_at < now() - interval '1 day'`,
  )
  if (rowCount) helpers.logger.info(`pruned ${rowCount} expired sessions`)
}
