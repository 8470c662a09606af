import { relationId } from '@/lib/relationId'

/** The numeric id of a relationship value, populated or not. */
export const idOf = (value: unknown) => Number(relationId(value))
