/** The id of a relationship value, whether Payload returned it populated (a doc) or as an id. */
export const relationId = (value: unknown): string =>
  String(typeof value === 'object' && value !== null ? (value as { id: unknown }).id : value)
