import type { CollectionConfig } from 'payload'

import { staffOrAbove, staffOrAboveField } from '@/access/staffOrAbove'
import { visibleOrStaff } from '@/access/visibleOrStaff'
import { systemField, systemOnly } from '@/fields/systemField'
import {
  COMPONENT_STATE_LABELS,
  COMPONENT_STATES,
  IMPACT_LABELS,
  IMPACTS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_STATUSES,
} from '@/lib/status/states'

import { revalidateDeletedStatus } from '../StatusComponents/hooks'
import { deriveIncidentState, publishIncidentUpdates } from './hooks'

/**
 * An incident on the status page: impact, the components it touches and their state meanwhile,
 * a timeline of updates (each may be backdated and may notify subscribers), and a postmortem
 * once resolved. Failing checks open one as a draft for staff to confirm; publishing it — and
 * each later update — is an `incident.*` event (src/lib/status/events.ts).
 */
export const StatusIncidents: CollectionConfig = {
  slug: 'status-incidents',
  labels: { singular: 'Incident', plural: 'Incidents' },
  access: {
    // Published, and not about non-public components only (an incident naming none is public).
    read: visibleOrStaff({
      and: [
        { publication: { equals: 'published' } },
        {
          or: [
            { 'components.component': { exists: false } },
            { 'components.component.isPublic': { equals: true } },
          ],
        },
      ],
    }),
    create: staffOrAbove,
    update: staffOrAbove,
    delete: staffOrAbove,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'impact', 'status', 'publication', 'startedAt', 'resolvedAt'],
    group: 'Status',
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 150 },
    {
      name: 'impact',
      type: 'select',
      required: true,
      defaultValue: 'minor',
      options: IMPACTS.map((value) => ({ value, label: IMPACT_LABELS[value] })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'publication',
      type: 'select',
      required: true,
      defaultValue: 'published',
      index: true,
      options: [
        { value: 'draft', label: 'Draft (not shown, nobody notified)' },
        { value: 'published', label: 'Published' },
      ],
      admin: {
        position: 'sidebar',
        description:
          'Checks open incidents as drafts. Publishing shows it and notifies subscribers (per update).',
      },
    },
    {
      name: 'startedAt',
      type: 'date',
      required: true,
      index: true,
      defaultValue: () => new Date().toISOString(),
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'When it began (may be earlier than the first update).',
      },
    },
    systemField({
      name: 'status',
      type: 'select',
      index: true,
      options: INCIDENT_STATUSES.map((value) => ({ value, label: INCIDENT_STATUS_LABELS[value] })),
    }),
    systemField({ name: 'resolvedAt', type: 'date', index: true }),
    systemField({ name: 'publishedAt', type: 'date' }),
    systemField({
      name: 'source',
      type: 'select',
      defaultValue: 'staff',
      options: [
        { value: 'staff', label: 'Staff' },
        { value: 'checks', label: 'Automatic checks' },
      ],
    }),
    {
      // What the checks saw (the check's address, its error): for staff only — the public
      // update the checks write says no more than which component is failing.
      name: 'checkReport',
      type: 'textarea',
      admin: {
        readOnly: true,
        position: 'sidebar',
        condition: (data) => data?.source === 'checks',
        description: 'Staff only: what the failing check reported.',
      },
      access: { read: staffOrAboveField, create: systemOnly, update: systemOnly },
    },
    {
      name: 'components',
      type: 'array',
      maxRows: 30,
      labels: { singular: 'Affected component', plural: 'Affected components' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'component',
              type: 'relationship',
              relationTo: 'status-components',
              required: true,
            },
            {
              name: 'state',
              type: 'select',
              required: true,
              defaultValue: 'partial_outage',
              options: COMPONENT_STATES.map((value) => ({
                value,
                label: COMPONENT_STATE_LABELS[value],
              })),
              admin: { description: 'Its state during the incident.' },
            },
          ],
        },
      ],
    },
    {
      name: 'updates',
      type: 'array',
      required: true,
      minRows: 1,
      maxRows: 100,
      labels: { singular: 'Update', plural: 'Updates' },
      admin: { description: 'The timeline. Add one for each change; the latest sets the status.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'status',
              type: 'select',
              required: true,
              defaultValue: 'investigating',
              options: INCIDENT_STATUSES.map((value) => ({
                value,
                label: INCIDENT_STATUS_LABELS[value],
              })),
            },
            {
              name: 'at',
              type: 'date',
              required: true,
              defaultValue: () => new Date().toISOString(),
              admin: {
                date: { pickerAppearance: 'dayAndTime' },
                description: 'May be backdated.',
              },
            },
            {
              name: 'notify',
              type: 'checkbox',
              label: 'Notify subscribers',
              defaultValue: true,
            },
          ],
        },
        { name: 'message', type: 'textarea', required: true, maxLength: 5000 },
      ],
    },
    {
      name: 'postmortem',
      type: 'richText',
      admin: {
        condition: (data) => data?.status === 'resolved',
        description: 'What happened, why, and what changes: shown once the incident is resolved.',
      },
    },
  ],
  hooks: {
    beforeChange: [deriveIncidentState],
    afterChange: [publishIncidentUpdates],
    afterDelete: [revalidateDeletedStatus],
  },
  timestamps: true,
}
