import type { Task } from 'graphile-worker'

/** Deletes invitations that expired more than 30 days ago without being accepted. */
export const invitation__prune: Task = async (_payload, helpers) => {
  const { rowCount } = await helpers.query(
    `DELETE FROM organization_invitations
      WHERE accepted_at IS NULL AND expires_at < now() - interval '30 days'`,
  )
  if (rowCount) helpers.logger.info(`pruned ${rowCount} expired invitations`)
}
