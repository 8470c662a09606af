import type { Field, FieldAccess } from 'payload'

/** Written by the system only (hooks, endpoints, the worker). */
export const systemOnly: FieldAccess = () => false

/** A read-only sidebar field that only the system writes (dates, ids, states it records). */
export const systemField = <T extends Field & { name: string }>(field: T): Field =>
  ({
    ...field,
    admin: { readOnly: true, position: 'sidebar' },
    access: { create: systemOnly, update: systemOnly },
  }) as Field
