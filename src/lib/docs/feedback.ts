import type { PayloadRequest, Where } from 'payload'

export type FeedbackTotals = { helpful: number; notHelpful: number; yours: boolean }

/**
 * Stores the caller's vote on a page they can read (insert or change: one row per person and
 * page, enforced by a unique index) and answers the page's totals; null when the page is not
 * one the caller may read.
 */
export async function recordFeedback(
  req: PayloadRequest,
  pageId: number,
  vote: { helpful: boolean; comment?: string },
): Promise<FeedbackTotals | null> {
  const user = req.user as { id: number }
  const page = await req.payload
    .findByID({ collection: 'docs-pages', id: pageId, depth: 0, overrideAccess: false, req })
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null
      throw error
    })
  if (!page) return null
  const where: Where = { and: [{ page: { equals: pageId } }, { user: { equals: user.id } }] }
  // The row is the system's record of the vote; the caller was checked above.
  const existing = await req.payload.find({
    collection: 'docs-feedback',
    where,
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const data = { helpful: vote.helpful, comment: vote.comment ?? null }
  if (existing.docs[0]) {
    await req.payload.update({
      collection: 'docs-feedback',
      id: existing.docs[0].id,
      data,
      overrideAccess: true,
      req,
    })
  } else {
    await req.payload.create({
      collection: 'docs-feedback',
      data: { ...data, page: pageId, user: user.id },
      overrideAccess: true,
      req,
    })
  }
  const count = (helpful: boolean) =>
    req.payload
      .count({
        collection: 'docs-feedback',
        where: { and: [{ page: { equals: pageId } }, { helpful: { equals: helpful } }] },
        overrideAccess: true,
        req,
      })
      .then((result) => result.totalDocs)
  const [helpful, notHelpful] = await Promise.all([count(true), count(false)])
  return { helpful, notHelpful, yours: vote.helpful }
}
