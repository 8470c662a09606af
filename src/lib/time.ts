const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** "3 minutes ago", "in 2 days", "now". */
export function relativeTime(date: Date | string, now = Date.now()): string {
  const diff = new Date(date).getTime() - now
  const abs = Math.abs(diff)
  if (abs < 10_000) return 'just now'
  const [unit, size] = UNITS.find(([, ms]) => abs >= ms) ?? UNITS[UNITS.length - 1]
  return relative.format(Math.round(diff / size), unit)
}

const absolute = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/** "Nov 25, 2026, 9:46 PM UTC": server-rendered, so in UTC rather than a guessed zone. */
export const formatDateTime = (date: Date | string) => `${absolute.format(new Date(date))} UTC`
