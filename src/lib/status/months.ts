/** `YYYY-MM` of now (UTC). */
export const thisMonth = (now = new Date()) => now.toISOString().slice(0, 7)

/** `month` and the `count - 1` months before it, newest first. */
export function monthsBefore(month: string, count: number): string[] {
  const [year, number] = month.split('-').map(Number)
  return Array.from({ length: count }, (_, back) =>
    new Date(Date.UTC(year, number - 1 - back, 1)).toISOString().slice(0, 7),
  )
}

/** "November 2026". */
export const monthLabel = (month: string) =>
  new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  )
