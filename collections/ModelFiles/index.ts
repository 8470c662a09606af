import type { CollectionConfig, Field } from 'payload'

import { canManageThroughModel, canReadVersioned } from '@/access/modelAccess'
import { nobody } from '@/access/nobody'
import { staffOrAbove, staffOrAboveField } from '@/access/staffOrAbove'
import { internalField, systemField } from '@/fields/systemField'
import { FILE_KIND_LABELS, FILE_KINDS, SCAN_LABELS, SCAN_STATUSES } from '@/lib/models/constants'

import { fileEndpoints } from './endpoints'
import { releaseStoredObject, rememberStoredObject, shareReview } from './hooks'

const staffEdits = { create: () => false, update: staffOrAboveField }

/**
 * A file of a model version (weights, config, README, sample audio). Its bytes live in S3 or on
 * local disk under `storageKey` and are only ever fetched through the download route; created
 * by the upload flow (POST /api/model-files/uploads), never directly. A fork's files are new
 * documents that reference the same stored object.
 */
export const ModelFiles: CollectionConfig = {
  slug: 'model-files',
  labels: { singular: 'Model file', plural: 'Model files' },
  access: {
    read: canReadVersioned('version.status'),
    create: nobody,
    // Staff record their review of a flagged file in /admin.
    update: staffOrAbove,
    delete: canManageThroughModel,
  },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'model', 'version', 'size', 'scanStatus', 'review', 'createdAt'],
    group: 'Models',
    description:
      'Flagged files are downloadable only by their owners and staff until a review approves them.',
  },
  fields: [
    systemField({ name: 'model', type: 'relationship', relationTo: 'ml-models', index: true }),
    systemField({
      name: 'version',
      type: 'relationship',
      relationTo: 'model-versions',
      index: true,
    }),
    systemField({ name: 'filename', type: 'text' }),
    systemField({
      name: 'kind',
      type: 'select',
      options: FILE_KINDS.map((value) => ({ value, label: FILE_KIND_LABELS[value] })),
    }),
    systemField({ name: 'contentType', type: 'text' }),
    systemField({ name: 'size', type: 'number' }),
    systemField({ name: 'sha256', type: 'text' }),
    systemField({
      name: 'uploadStatus',
      type: 'select',
      defaultValue: 'pending',
      index: true,
      options: [
        { value: 'pending', label: 'Uploading' },
        { value: 'uploaded', label: 'Uploaded' },
      ],
    }),
    systemField({
      name: 'scanStatus',
      type: 'select',
      defaultValue: 'pending',
      index: true,
      options: SCAN_STATUSES.map((value) => ({ value, label: SCAN_LABELS[value] })),
    }),
    {
      // A JSON field gets our own viewer (Payload's editor would load Monaco from a CDN).
      ...systemField({ name: 'scanFindings', type: 'json' }),
      admin: {
        readOnly: true,
        position: 'sidebar',
        components: { Field: '@/components/JsonView#JsonView' },
      },
    } as Field,
    systemField({ name: 'scannedAt', type: 'date' }),
    {
      name: 'review',
      type: 'select',
      defaultValue: 'none',
      options: [
        { value: 'none', label: 'Not reviewed' },
        { value: 'approved', label: 'Approved: downloadable by everyone who sees the model' },
        { value: 'rejected', label: 'Rejected: owners and staff only' },
      ],
      admin: { position: 'sidebar', description: 'Staff: review a flagged file.' },
      access: staffEdits,
    },
    systemField({ name: 'reviewedBy', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'reviewedAt', type: 'date' }),
    internalField({ name: 'storage', type: 'text' }),
    internalField({ name: 'storageKey', type: 'text', index: true }),
    internalField({ name: 'upload', type: 'json' }),
  ],
  endpoints: fileEndpoints,
  hooks: {
    beforeChange: [
      ({ data, originalDoc, req, operation }) => {
        if (operation === 'update' && data.review && data.review !== originalDoc?.review) {
          data.reviewedBy = req.user?.id
          data.reviewedAt = new Date().toISOString()
        }
        return data
      },
    ],
    afterChange: [shareReview],
    beforeDelete: [rememberStoredObject],
    afterDelete: [releaseStoredObject],
  },
  timestamps: true,
}
