/** 1234 → "1,234"; 12345 → "12.3k". */
export const formatCount = (value: number | null | undefined) => {
  const n = Number(value ?? 0)
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n.toLocaleString('en')
}

/** Bytes as people read them: 1.5 GB, 320 MB, 12 kB. */
export function formatBytes(bytes: number | null | undefined): string {
  const n = Number(bytes ?? 0)
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

/** Seconds as "3 h 12 min". */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (!seconds) return null
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.round((seconds % 3600) / 60)
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`
}
