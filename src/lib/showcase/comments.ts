import {
  APIError,
  ValidationError,
  type CollectionBeforeValidateHook,
  type PayloadRequest,
} from 'payload'

import { personId } from '../accounts'
import { db } from '../db'
import { hitLimit } from '../rateLimit'
import { relationId } from '../relationId'
import { SHOWCASE_LIMITS } from './constants'

/**
 * Before a comment is created: a signed-in person (the comment is theirs whatever the body
 * says), within the comment rate, on a published project (an id naming a draft finds nothing).
 */
export const onPublishedProject: CollectionBeforeValidateHook = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || !data) return data
  const person = personId(req.user)
  if (!person) throw new APIError('Sign in as a person to comment.', 403, undefined, true)
  const limit = await hitLimit(`showcase:c:${person}`, SHOWCASE_LIMITS.commentsPerMinute, 60_000)
  if (!limit.isAllowed) {
    throw new APIError(
      'Too many comments in a minute. Wait a moment and try again.',
      429,
      {
        retryAfter: Math.ceil(limit.resetMs / 1000),
      },
      true,
    )
  }
  const id = Number(relationId(data.project))
  const { rows } =
    Number.isInteger(id) && id > 0
      ? await (
          await db(req)
        ).query<{ status: string }>('SELECT status FROM showcase_projects WHERE id = $1', [id])
      : { rows: [] }
  if (rows[0]?.status !== 'published') {
    throw new ValidationError({
      collection: 'project-comments',
      errors: [{ path: 'project', message: 'No published project has this id.' }],
    })
  }
  data.author = person
  return data
}

/** The project's comment count, from its visible comments, in the request's transaction. */
export async function recountComments(req: PayloadRequest, project: unknown): Promise<void> {
  const id = Number(relationId(project))
  if (!Number.isInteger(id) || id <= 0) return
  await (
    await db(req)
  ).query(
    `UPDATE showcase_projects SET comments = (SELECT count(*) FROM project_comments
       WHERE project_id = $1 AND hidden IS NOT TRUE) WHERE id = $1`,
    [id],
  )
}
