import type { PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { FORUM_LIMITS } from './config'

type Post = {
  title?: string | null
  body?: string | null
  author?: unknown
  editHistory?: unknown[] | null
}

const idOf = (value: unknown) =>
  Number(typeof value === 'object' && value !== null ? (value as { id: unknown }).id : value)

/**
 * On an edit that changes the text: the previous version goes to the history (the newest
 * kept), and the post is marked edited — "by a moderator" when someone else changed it.
 */
export function recordEdit(
  req: PayloadRequest,
  data: Record<string, unknown>,
  original: Post,
): void {
  const titleChanged = typeof data.title === 'string' && data.title !== original.title
  const bodyChanged = typeof data.body === 'string' && data.body !== original.body
  if (!titleChanged && !bodyChanged) return
  const editor = req.user && req.user.collection === 'users' ? Number(req.user.id) : null
  const isModerator =
    editor !== null && editor !== idOf(original.author) && hasRole(req.user, 'moderator')
  const entry = {
    at: new Date().toISOString(),
    editor,
    isModerator,
    ...(original.title !== undefined ? { title: original.title } : {}),
    body: original.body ?? '',
  }
  const history = [...((original.editHistory as object[] | null) ?? []), entry]
  data.editHistory = history.slice(-FORUM_LIMITS.editHistoryKept)
  data.editedAt = entry.at
  if (isModerator) data.isEditedByModerator = true
}
