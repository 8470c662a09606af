import { ValidationError, type PayloadRequest } from 'payload'

/**
 * The ids of these tag names, creating the ones that do not exist yet (as the caller: the
 * limits on new tags apply). Call it in the post's transaction, so a refused post leaves no tag.
 */
export async function ensureTags(req: PayloadRequest, names: string[]): Promise<number[]> {
  if (names.length === 0) return []
  const { docs } = await req.payload.find({
    collection: 'tags',
    where: { name: { in: names } },
    limit: names.length,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const ids = new Map(docs.map((tag) => [tag.name, tag.id]))
  for (const name of names) {
    if (ids.has(name)) continue
    const tag = await req.payload
      .create({ collection: 'tags', data: { name }, overrideAccess: false, req })
      .catch((error: unknown) => {
        if (!(error instanceof ValidationError)) throw error
        const message = error.data.errors[0]?.message ?? 'This tag cannot be added.'
        throw new ValidationError({ errors: [{ path: 'tags', message: `${name}: ${message}` }] })
      })
    ids.set(name, tag.id)
  }
  return names.map((name) => ids.get(name) as number)
}
