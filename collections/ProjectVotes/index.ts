import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/nobody'
import { ownedByOrStaff } from '@/access/ownedBy'
import { systemField } from '@/fields/systemField'

/**
 * One person's upvote of a showcase project. Cast and withdrawn only through
 * POST/DELETE /api/showcase-projects/:id/vote (src/lib/showcase/votes.ts), which keeps the
 * project's count atomically, refuses your own project and limits the rate.
 */
export const ProjectVotes: CollectionConfig = {
  slug: 'project-votes',
  labels: { singular: 'Project vote', plural: 'Project votes' },
  access: { read: ownedByOrStaff('user'), create: nobody, update: nobody, delete: nobody },
  admin: { useAsTitle: 'id', defaultColumns: ['project', 'user', 'createdAt'], group: 'Showcase' },
  fields: [
    systemField({
      name: 'project',
      type: 'relationship',
      relationTo: 'showcase-projects',
      required: true,
      index: true,
    }),
    systemField({ name: 'user', type: 'relationship', relationTo: 'users', required: true }),
  ],
  indexes: [{ fields: ['project', 'user'], unique: true }],
  timestamps: true,
}
