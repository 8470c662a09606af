import type { CollectionBeforeChangeHook } from 'payload'

/** The very first account (Payload's first-register) becomes a verified admin. */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  if (totalDocs === 0) {
    return { ...data, roles: ['admin'], _verified: true }
  }
  return data
}
