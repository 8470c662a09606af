import type { CollectionConfig } from 'payload'

import { staffOrAbove, staffOrAboveField } from '@/access/staffOrAbove'
import { visibleOrStaff } from '@/access/visibleOrStaff'
import { systemField } from '@/fields/systemField'
import {
  CHECK_DEFAULTS,
  CHECK_LIMITS,
  CHECK_TYPE_LABELS,
  CHECK_TYPES,
  HTTP_METHODS,
  INTERNAL_TARGET_LABELS,
  INTERNAL_TARGETS,
} from '@/lib/status/checkTypes'
import { COMPONENT_STATE_LABELS, COMPONENT_STATES } from '@/lib/status/states'

import { followEndpoint, followStateEndpoint } from './endpoints'
import {
  checkTargets,
  markManualState,
  leaveIncidents,
  revalidateDeletedStatus,
  scheduleChecks,
} from './hooks'

const ofType =
  (type: string) =>
  (_: unknown, siblingData: Record<string, unknown> | undefined): boolean =>
    siblingData?.type === type

/**
 * A part of TuneTrail the status page shows (the API's tracks, recommendations … and the portal
 * itself): its state, set by staff or moved by its automatic checks (src/lib/status/evaluate.ts),
 * and the checks the worker runs on it. Anyone reads the public ones; the checks (addresses,
 * expected answers) are for staff only.
 */
export const StatusComponents: CollectionConfig = {
  slug: 'status-components',
  labels: { singular: 'Status component', plural: 'Status components' },
  access: {
    read: visibleOrStaff({ isPublic: { equals: true } }),
    create: staffOrAbove,
    update: staffOrAbove,
    delete: staffOrAbove,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'group', 'state', 'isManual', 'isPublic', 'order'],
    group: 'Status',
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 60,
      validate: (value: string | null | undefined) =>
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value ?? '') ||
        'Use lowercase letters, digits and single hyphens (badges and the JSON API name it).',
      admin: { position: 'sidebar' },
    },
    { name: 'description', type: 'textarea', maxLength: 300 },
    {
      name: 'group',
      type: 'text',
      maxLength: 60,
      admin: {
        description:
          'Components with the same group are shown together, collapsed, under the worst state among them.',
      },
    },
    {
      name: 'order',
      type: 'number',
      required: true,
      defaultValue: 100,
      min: 0,
      max: 10_000,
      admin: { position: 'sidebar', description: 'Lower comes first (groups by their first).' },
    },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'operational',
      index: true,
      options: COMPONENT_STATES.map((value) => ({ value, label: COMPONENT_STATE_LABELS[value] })),
      admin: {
        position: 'sidebar',
        description:
          'Changing it by hand stops the checks from changing it, until you untick below.',
      },
    },
    {
      // The state as the editor loaded it, sent back with the form: a save that leaves the state
      // alone must not put back one the checks have moved since (and take it over by hand).
      name: 'stateAsLoaded',
      type: 'text',
      virtual: true,
      admin: { hidden: true },
      hooks: { afterRead: [({ siblingData }) => siblingData?.state] },
    },
    {
      name: 'isManual',
      type: 'checkbox',
      label: 'State set by hand (checks do not change it)',
      defaultValue: false,
      admin: { position: 'sidebar' },
    },
    {
      name: 'isPublic',
      type: 'checkbox',
      label: 'Shown on the status page',
      defaultValue: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    systemField({ name: 'stateChangedAt', type: 'date' }),
    {
      type: 'row',
      fields: [
        {
          name: 'failuresToOutage',
          type: 'number',
          required: true,
          defaultValue: CHECK_DEFAULTS.failuresToOutage,
          min: 1,
          max: 20,
          admin: { description: 'Consecutive failed checks before the state moves to an outage.' },
        },
        {
          name: 'recoveriesToOperational',
          type: 'number',
          required: true,
          defaultValue: CHECK_DEFAULTS.recoveriesToOperational,
          min: 1,
          max: 20,
          admin: { description: 'Consecutive passing checks before it is operational again.' },
        },
      ],
    },
    {
      name: 'checks',
      type: 'array',
      maxRows: 5,
      access: { read: staffOrAboveField },
      admin: {
        description:
          'Run by the worker on their interval. Addresses must be public (the webhook rules): loopback only with WEBHOOK_ALLOW_LOOPBACK.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'type',
              type: 'select',
              required: true,
              defaultValue: 'http',
              options: CHECK_TYPES.map((value) => ({ value, label: CHECK_TYPE_LABELS[value] })),
            },
            { name: 'enabled', type: 'checkbox', defaultValue: true },
          ],
        },
        {
          name: 'url',
          type: 'text',
          maxLength: 2000,
          admin: { condition: ofType('http'), description: 'https://… (http too).' },
        },
        {
          type: 'row',
          admin: { condition: ofType('http') },
          fields: [
            {
              name: 'method',
              type: 'select',
              defaultValue: 'GET',
              options: HTTP_METHODS.map((value) => ({ value, label: value })),
            },
            {
              name: 'expectedStatus',
              type: 'number',
              defaultValue: CHECK_DEFAULTS.expectedStatus,
              min: 100,
              max: 599,
            },
            {
              name: 'bodyMatch',
              type: 'text',
              maxLength: 200,
              admin: { description: 'The answer must contain this text (optional).' },
            },
          ],
        },
        {
          type: 'row',
          admin: { condition: ofType('tcp') },
          fields: [
            { name: 'host', type: 'text', maxLength: 253 },
            { name: 'port', type: 'number', min: 1, max: 65_535 },
          ],
        },
        {
          name: 'target',
          type: 'select',
          options: INTERNAL_TARGETS.map((value) => ({
            value,
            label: INTERNAL_TARGET_LABELS[value],
          })),
          admin: { condition: ofType('internal') },
        },
        {
          type: 'row',
          fields: [
            {
              name: 'intervalSeconds',
              type: 'number',
              required: true,
              defaultValue: CHECK_DEFAULTS.intervalSeconds,
              min: CHECK_LIMITS.minIntervalSeconds,
              max: CHECK_LIMITS.maxIntervalSeconds,
            },
            {
              name: 'timeoutMs',
              type: 'number',
              required: true,
              defaultValue: CHECK_DEFAULTS.timeoutMs,
              min: CHECK_LIMITS.minTimeoutMs,
              max: CHECK_LIMITS.maxTimeoutMs,
            },
            {
              name: 'degradedAboveMs',
              type: 'number',
              min: 1,
              max: CHECK_LIMITS.maxTimeoutMs,
              admin: { description: 'Slower answers count as degraded performance (optional).' },
            },
          ],
        },
      ],
    },
  ],
  hooks: {
    beforeValidate: [checkTargets],
    beforeChange: [markManualState],
    afterChange: [scheduleChecks],
    beforeDelete: [leaveIncidents],
    afterDelete: [revalidateDeletedStatus],
  },
  endpoints: [followStateEndpoint, followEndpoint],
  timestamps: true,
}
