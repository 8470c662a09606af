import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { authenticatedPerson } from '@/access/authenticated'
import { uploaderOrStaff } from '@/access/uploaderOrStaff'
import { dataPath } from '@/lib/paths'

export const Media: CollectionConfig = {
  slug: 'media',
  access: {
    // Media belongs to the person who uploaded it: an organization's key cannot upload.
    create: authenticatedPerson,
    read: anyone,
    update: uploaderOrStaff,
    delete: uploaderOrStaff,
  },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'uploadedBy', 'createdAt'],
    group: 'Content',
  },
  upload: {
    // Local disk when no S3 bucket is configured (plugins/index.ts moves files to S3 otherwise).
    staticDir: dataPath('uploads'),
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    imageSizes: [
      { name: 'avatar', width: 256, height: 256, position: 'centre' },
      { name: 'thumbnail', width: 96, height: 96, position: 'centre' },
      { name: 'card', width: 768, height: 432, position: 'centre' },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      maxLength: 200,
      admin: { description: 'Describe the image for screen readers.' },
    },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      admin: { readOnly: true, position: 'sidebar' },
      hooks: {
        beforeChange: [
          ({ operation, req, value }) => (operation === 'create' ? (req.user?.id ?? value) : value),
        ],
      },
    },
  ],
}
