import type { PayloadRequest } from 'payload'

import { db } from '../db'

/**
 * Locks a project's row until the caller's transaction ends: every write that reads the project
 * first (a save, a review decision, a maker accepting or leaving) takes it before reading, so
 * none of them writes back what another just changed.
 */
export async function lockProject(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  id: number,
): Promise<void> {
  await (await db(req)).query('SELECT 1 FROM showcase_projects WHERE id = $1 FOR UPDATE', [id])
}
