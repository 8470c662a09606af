import type { CollectionConfig } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { hasRole } from '@/access/roles'
import { authorOrModerator, readProjectComments } from '@/access/showcaseAccess'
import { systemField } from '@/fields/systemField'
import { personId } from '@/lib/accounts'
import { onPublishedProject, recountComments } from '@/lib/showcase/comments'

const isModerator = (user: unknown) => hasRole(user as never, 'moderator')

/**
 * A comment on a showcase project, in Markdown (the shared renderer shows it), with the model
 * hub's moderation: moderators hide a comment with a reason, and a hidden one disappears for
 * everyone but its author and moderators.
 */
export const ProjectComments: CollectionConfig = {
  slug: 'project-comments',
  labels: { singular: 'Project comment', plural: 'Project comments' },
  access: {
    read: readProjectComments,
    create: authenticatedPerson,
    update: authorOrModerator,
    delete: authorOrModerator,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['project', 'author', 'hidden', 'createdAt'],
    group: 'Showcase',
  },
  fields: [
    {
      name: 'project',
      type: 'relationship',
      relationTo: 'showcase-projects',
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
      access: { create: () => false, update: ({ req }) => isModerator(req.user) },
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
    beforeValidate: [onPublishedProject],
    beforeChange: [
      ({ data, originalDoc, req, operation }) => {
        if (
          operation === 'update' &&
          data.hidden !== undefined &&
          data.hidden !== originalDoc?.hidden
        ) {
          data.hiddenBy = data.hidden ? req.user?.id : null
        }
        // Moderators hide and show; only the author rewrites the words.
        if (operation === 'update' && personId(req.user) !== Number(originalDoc?.author)) {
          data.body = originalDoc?.body
        }
        return data
      },
    ],
    afterChange: [async ({ doc, req }) => (await recountComments(req, doc.project), doc)],
    afterDelete: [async ({ doc, req }) => (await recountComments(req, doc.project), doc)],
  },
  timestamps: true,
}
