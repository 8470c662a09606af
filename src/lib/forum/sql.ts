/**
 * An array as a Postgres array literal (`{1,2}`, `{"a","b"}`), for `$n::int[]` parameters: the
 * request's Drizzle handle (src/lib/db.ts) would expand a JavaScript array into a list.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values
    .map((value) =>
      typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, '\\$&')}"`,
    )
    .join(',')}}`
}
