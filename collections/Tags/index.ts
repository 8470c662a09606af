import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
} from 'payload'

import { anyone } from '@/access/anyone'
import { forumPerson, personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'
import { logModeration } from '@/lib/forum/audit'
import { checkNewTag } from '@/lib/forum/limits'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { TAG_PATTERN } from '@/lib/forum/text'
import { systemField } from '@/fields/systemField'

import { mergeTagsEndpoint } from './endpoints'

/** New tags: rate-limited, and not by new members (see checkNewTag). */
const beforeTagChange: CollectionBeforeChangeHook = async ({ data, req, operation }) => {
  const userId = personId(req.user)
  if (operation === 'create' && userId !== null) await checkNewTag(req, userId)
  return data
}

/** Renames and deletions (by moderators, in /admin or the API) go to the moderation log. */
const afterTagChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (
    operation === 'update' &&
    previousDoc &&
    previousDoc.name !== doc.name &&
    hasRole(req.user, 'moderator')
  ) {
    await logModeration(req, {
      action: 'tag.renamed',
      summary: `Renamed the tag ${previousDoc.name} to ${doc.name}`,
      changes: { tag: doc.id, name: { from: previousDoc.name, to: doc.name } },
    })
  }
  return doc
}

const afterTagDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await logModeration(req, {
    action: 'tag.deleted',
    summary: `Deleted the tag ${doc.name}`,
    changes: { tag: doc.id, name: doc.name, usageCount: doc.usageCount },
  })
}

/** A discussion tag (`pytorch`, `rate-limits`): members add new ones when posting, moderators merge them. */
export const Tags: CollectionConfig = {
  slug: 'tags',
  labels: { singular: 'Tag', plural: 'Tags' },
  access: { read: anyone, create: forumPerson, update: moderatorOrAbove, delete: moderatorOrAbove },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'usageCount'], group: 'Community' },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 30,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && TAG_PATTERN.test(value)
          ? true
          : 'Tag: 2 to 30 lower-case letters, digits or dashes.',
    },
    { name: 'description', type: 'text', maxLength: 200 },
    systemField({ name: 'usageCount', type: 'number', defaultValue: 0, index: true }),
  ],
  hooks: {
    beforeChange: [beforeTagChange],
    afterChange: [afterTagChange],
    afterDelete: [afterTagDelete],
  },
  endpoints: [mergeTagsEndpoint],
  timestamps: true,
}
