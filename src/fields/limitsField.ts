import type { Field, FieldAccess } from 'payload'

import type { Limits, Resource, Window } from '@/lib/plans'

/** The columns of a limits group, one per resource and window the plans use. */
export const LIMIT_FIELDS = [
  {
    name: 'apiCallsPerMinute',
    resource: 'api_calls',
    window: 'minute',
    label: 'API calls / minute',
  },
  { name: 'apiCallsPerHour', resource: 'api_calls', window: 'hour', label: 'API calls / hour' },
  { name: 'apiCallsPerDay', resource: 'api_calls', window: 'day', label: 'API calls / day' },
  {
    name: 'audioProcessingPerDay',
    resource: 'audio_processing',
    window: 'day',
    label: 'Audio processing / day',
  },
  {
    name: 'modelTrainingPerMonth',
    resource: 'model_training',
    window: 'month',
    label: 'Model training / month',
  },
] as const satisfies { name: string; resource: Resource; window: Window; label: string }[]

export type LimitValues = Partial<Record<(typeof LIMIT_FIELDS)[number]['name'], number | null>>

/** A `limits` group: every column optional; an empty one means "no limit of its own". */
export function limitsField(options: {
  description: string
  access?: { create?: FieldAccess; update?: FieldAccess; read?: FieldAccess }
}): Field {
  return {
    name: 'limits',
    type: 'group',
    admin: { description: options.description },
    access: options.access,
    fields: LIMIT_FIELDS.map((limit) => ({
      name: limit.name,
      type: 'number' as const,
      label: limit.label,
      min: 0,
      max: 1_000_000_000,
      admin: { step: 1 },
      validate: (value: number | null | undefined) =>
        value === null || value === undefined || Number.isInteger(value)
          ? true
          : `${limit.label} must be a whole number.`,
    })),
  }
}

/** The limits of one resource in a stored limits group. */
export function limitsFor(values: LimitValues | null | undefined, resource: Resource): Limits {
  const limits: Limits = {}
  for (const limit of LIMIT_FIELDS) {
    const value = values?.[limit.name]
    if (limit.resource === resource && typeof value === 'number') limits[limit.window] = value
  }
  return limits
}
