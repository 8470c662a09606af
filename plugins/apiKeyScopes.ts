import type { Access, CollectionConfig, Plugin } from 'payload'

import { COLLECTION_SCOPES, keyAllows, type ScopeRule } from '@/lib/keys/collectionScopes'

const defaultAccess: Access = ({ req }) => Boolean(req.user)

const limited =
  (rule: ScopeRule, access: Access | undefined): Access =>
  (args) =>
    keyAllows(args.req.user, rule) ? (access ?? defaultAccess)(args) : false

/**
 * Limits API-key callers to their key's scopes on every collection, in front of each
 * collection's own access rules (which still apply). REST, GraphQL and the Local API with
 * overrideAccess:false all go through collection access, so one place covers them all.
 */
export const apiKeyScopes = (): Plugin => (config) => ({
  ...config,
  collections: config.collections?.map((collection): CollectionConfig => {
    const rules = COLLECTION_SCOPES[collection.slug] ?? { read: 'none', write: 'none' }
    const access = collection.access ?? {}
    return {
      ...collection,
      access: {
        ...access,
        read: limited(rules.read, access.read),
        readVersions: limited(rules.read, access.readVersions),
        create: limited(rules.write, access.create),
        update: limited(rules.write, access.update),
        delete: limited(rules.write, access.delete),
        unlock: limited('none', access.unlock),
      },
    }
  }),
})
