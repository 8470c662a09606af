import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
} from 'payload'

import { db } from './db'

/**
 * People's usernames and organizations' slugs share one namespace: both name an account in URLs
 * (`/models/<handle>/<slug>`), so a member must not be able to found an organization called
 * another member's username (and squat their model URLs), nor a person take an organization's.
 */
const SIDES = {
  users: { field: 'username', other: 'organizations', otherField: 'slug' },
  organizations: { field: 'slug', other: 'users', otherField: 'username' },
} as const

type Side = keyof typeof SIDES

/** Refuses a username or slug another kind of account already goes by, naming the field. */
export const guardSharedHandle =
  (side: Side): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const { field, other, otherField } = SIDES[side]
    const handle = data?.[field]
    if (typeof handle !== 'string' || handle === originalDoc?.[field]) return data
    const { totalDocs } = await req.payload.count({
      collection: other,
      where: { [otherField]: { equals: handle } },
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) {
      throw new ValidationError({
        collection: side,
        errors: [
          {
            path: field,
            message:
              side === 'users'
                ? 'An organization already goes by this name: choose another username.'
                : 'A person already goes by this name: choose another slug.',
          },
        ],
      })
    }
    return data
  }

/**
 * When a username or an organization's slug changes, its models' URLs follow: the handle
 * stamped on each model (ml_models.owner_handle) is rewritten in the same transaction.
 */
export const restampModelHandles =
  (side: Side): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, operation, req }) => {
    const { field } = SIDES[side]
    if (operation !== 'update' || doc[field] === previousDoc?.[field]) return doc
    const sql = await db(req)
    await sql.query(
      side === 'users'
        ? `UPDATE ml_models SET owner_handle = $2, updated_at = now()
            WHERE owner_id = $1 AND organization_id IS NULL`
        : `UPDATE ml_models SET owner_handle = $2, updated_at = now() WHERE organization_id = $1`,
      [doc.id, doc[field]],
    )
    return doc
  }
