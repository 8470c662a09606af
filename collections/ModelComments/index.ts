import type { Access, CollectionConfig, Where } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { modelReadWhere } from '@/access/modelAccess'
import { hasRole } from '@/access/roles'
import { systemField } from '@/fields/systemField'
import { personId } from '@/lib/accounts'
import { onVisibleModelAs } from '@/lib/models/social'

const isModerator = (user: unknown) => hasRole(user as never, 'moderator')

/** Comments of models the reader sees; hidden ones only to their author and moderators. */
const readComments: Access = async ({ req }) => {
  if (isModerator(req.user)) return true
  const model = await modelReadWhere(req, 'model')
  if (model === false) return false
  const me = personId(req.user)
  const shown: Where = me
    ? { or: [{ hidden: { not_equals: true } }, { author: { equals: me } }] }
    : { hidden: { not_equals: true } }
  return model === true ? shown : { and: [model, shown] }
}

/** The author edits their words; moderators and above hide (and may delete). */
const authorOrModerator: Access = ({ req }) => {
  if (isModerator(req.user)) return true
  const me = personId(req.user)
  return me ? { author: { equals: me } } : false
}

/**
 * A comment on a model, in Markdown (the shared renderer shows it). The forum (issue 15) brings
 * its own replies; until models move to it, this small collection carries the same moderation:
 * moderators hide a comment with a reason, and a hidden one disappears for everyone else.
 */
export const ModelComments: CollectionConfig = {
  slug: 'model-comments',
  labels: { singular: 'Model comment', plural: 'Model comments' },
  access: {
    read: readComments,
    create: authenticatedPerson,
    update: authorOrModerator,
    delete: authorOrModerator,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['model', 'author', 'hidden', 'createdAt'],
    group: 'Models',
  },
  fields: [
    {
      name: 'model',
      type: 'relationship',
      relationTo: 'ml-models',
      required: true,
      index: true,
      access: { update: () => false },
    },
    systemField({ name: 'author', type: 'relationship', relationTo: 'users', index: true }),
    { name: 'body', type: 'textarea', required: true, maxLength: 10_000 },
    {
      name: 'hidden',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: {
        create: () => false,
        update: ({ req }) => isModerator(req.user),
      },
      admin: { position: 'sidebar' },
    },
    {
      name: 'hiddenReason',
      type: 'text',
      maxLength: 200,
      access: { create: () => false, update: ({ req }) => isModerator(req.user) },
      admin: { position: 'sidebar' },
    },
    systemField({ name: 'hiddenBy', type: 'relationship', relationTo: 'users' }),
  ],
  hooks: {
    beforeValidate: [onVisibleModelAs('model-comments', 'author')],
    beforeChange: [
      ({ data, originalDoc, req, operation }) => {
        if (
          operation === 'update' &&
          data.hidden !== undefined &&
          data.hidden !== originalDoc?.hidden
        ) {
          data.hiddenBy = data.hidden ? req.user?.id : null
        }
        // Moderators hide and unhide; only the author rewrites the words.
        // (Kept as it was, not dropped: a dropped required field fails validation.)
        if (operation === 'update' && personId(req.user) !== Number(originalDoc?.author)) {
          data.body = originalDoc?.body
        }
        return data
      },
    ],
  },
  timestamps: true,
}
