import { type CollectionBeforeChangeHook, type Endpoint } from 'payload'

import { isProduction } from '@/lib/env'
import { errorJson } from '@/lib/api/errors'

/**
 * In development the very first account (Payload's first-register, or a sign-up on an empty
 * database) becomes a verified admin, for convenience. Never in production: whoever reached a
 * new deployment first would own it. There the first admin is created from the command line
 * (`npm run create-admin`), and the first account signing up is a member like any other.
 */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || isProduction()) return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  return totalDocs === 0 ? { ...data, roles: ['admin'], _verified: true } : data
}

/**
 * Replaces Payload's POST /api/users/first-register (the admin panel's "create first user")
 * in production, where it would hand the deployment to whoever calls it first.
 */
export const firstRegisterRefused: Endpoint = {
  path: '/first-register',
  method: 'post',
  handler: () =>
    errorJson(
      403,
      'Create the first admin from the command line: npm run create-admin -- --email <email> --password <password>.',
    ),
}

/** The Users collection's replacements of Payload's own endpoints, by environment. */
export const firstUserEndpoints = (): Endpoint[] => (isProduction() ? [firstRegisterRefused] : [])
