import type { CollectionConfig } from 'payload'

import { visibleOrStaff } from '@/access/visibleOrStaff'
import { staffOrAbove } from '@/access/staffOrAbove'
import { systemField } from '@/fields/systemField'
import { MAINTENANCE_STATUS_LABELS, MAINTENANCE_STATUSES } from '@/lib/status/states'

import { revalidateDeletedStatus } from '../StatusComponents/hooks'
import { checkWindow, publishMaintenanceNotices, recordTransitions } from './hooks'

/**
 * Planned work shown on the status page: its window, the components it touches (shown as under
 * maintenance while it runs) and its status. The worker starts and completes it on schedule
 * (src/lib/status/maintenance.ts); scheduling, start and completion are `maintenance.*` events.
 */
export const StatusMaintenances: CollectionConfig = {
  slug: 'status-maintenances',
  labels: { singular: 'Maintenance', plural: 'Maintenances' },
  // Maintenance of non-public components only is internal: staff see it, nobody else.
  access: {
    read: visibleOrStaff({ 'components.isPublic': { equals: true } }),
    create: staffOrAbove,
    update: staffOrAbove,
    delete: staffOrAbove,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'scheduledStart', 'scheduledEnd'],
    group: 'Status',
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 150 },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    {
      name: 'components',
      type: 'relationship',
      relationTo: 'status-components',
      hasMany: true,
      required: true,
      minRows: 1,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'scheduledStart',
          type: 'date',
          required: true,
          index: true,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'scheduledEnd',
          type: 'date',
          required: true,
          index: true,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'scheduled',
      index: true,
      options: MAINTENANCE_STATUSES.map((value) => ({
        value,
        label: MAINTENANCE_STATUS_LABELS[value],
      })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'isAutomatic',
      type: 'checkbox',
      label: 'Start and complete on schedule',
      defaultValue: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'notify',
      type: 'checkbox',
      label: 'Notify subscribers (scheduled, started, completed)',
      defaultValue: true,
      admin: { position: 'sidebar' },
    },
    systemField({ name: 'startedAt', type: 'date' }),
    systemField({ name: 'completedAt', type: 'date' }),
  ],
  hooks: {
    beforeValidate: [checkWindow],
    beforeChange: [recordTransitions],
    afterChange: [publishMaintenanceNotices],
    afterDelete: [revalidateDeletedStatus],
  },
  timestamps: true,
}
