import { APIError, type PayloadRequest } from 'payload'

import { personId } from '../accounts'
import { db } from '../db'
import { refuse } from '../models/http'
import { hitLimit } from '../rateLimit'
import { inTransaction } from '../transactions'
import { SHOWCASE_LIMITS } from './constants'
import { visibleProject } from './review'

export type VoteAnswer = { votes: number; voted: boolean }

async function limitVotes(person: number): Promise<void> {
  const result = await hitLimit(`showcase:v:${person}`, SHOWCASE_LIMITS.votesPerMinute, 60_000)
  if (!result.isAllowed) {
    throw new APIError(
      'Too many votes in a minute. Wait a moment and try again.',
      429,
      { retryAfter: Math.ceil(result.resetMs / 1000) },
      true,
    )
  }
}

/**
 * Upvotes (`isUp`) or withdraws a vote on a published project, once per person: the row is
 * inserted or deleted and the count moves by exactly the rows that changed, in one statement
 * each, so concurrent or repeated requests never drift. Makers do not vote on their own project.
 */
export async function setVote(req: PayloadRequest, id: number, isUp: boolean): Promise<VoteAnswer> {
  const person = personId(req.user)
  if (!person) throw refuse(403, 'Sign in as a person (or use a personal API key) to vote.')
  await limitVotes(person)
  return inTransaction(req, async () => {
    const project = await visibleProject(req, id)
    if (project.status !== 'published') throw refuse(409, 'Only published projects take votes.')
    const isMine =
      Number(project.owner) === person ||
      (project.makers ?? []).some((m) => Number(m.user) === person)
    if (isMine && isUp) throw refuse(403, 'You cannot vote for your own project.')
    const sql = await db(req)
    const changed = isUp
      ? await sql.query(
          `WITH added AS (
             INSERT INTO project_votes (project_id, user_id, updated_at, created_at)
             VALUES ($1, $2, now(), now()) ON CONFLICT (project_id, user_id) DO NOTHING
             RETURNING 1)
           UPDATE showcase_projects SET votes = votes + (SELECT count(*) FROM added)
            WHERE id = $1 RETURNING votes`,
          [id, person],
        )
      : await sql.query(
          `WITH removed AS (
             DELETE FROM project_votes WHERE project_id = $1 AND user_id = $2 RETURNING 1)
           UPDATE showcase_projects SET votes = greatest(0, votes - (SELECT count(*) FROM removed))
            WHERE id = $1 RETURNING votes`,
          [id, person],
        )
    const votes = Number((changed.rows[0] as { votes?: number } | undefined)?.votes ?? 0)
    return { votes, voted: isUp }
  })
}

/** Whether `person` voted for each of `projects`. */
export async function votedIds(
  req: { payload: PayloadRequest['payload'] },
  person: number,
  projects: number[],
): Promise<Set<number>> {
  if (!projects.length) return new Set()
  const { rows } = await (
    await db(req)
  ).query<{ project_id: number }>(
    'SELECT project_id FROM project_votes WHERE user_id = $1 AND project_id = ANY($2::int[])',
    [person, `{${projects.map(Number).join(',')}}`],
  )
  return new Set(rows.map((row) => Number(row.project_id)))
}
