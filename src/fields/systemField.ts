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

/**
 * A field only the system reads and writes (hashes, leases, internal timestamps): hidden from
 * every API and the admin panel, and never written from a request. `hidden` alone would still
 * let a request write it.
 */
export const internalField = <T extends Field & { name: string }>(field: T): Field =>
  ({
    ...field,
    hidden: true,
    access: { create: systemOnly, update: systemOnly, read: systemOnly },
  }) as Field
