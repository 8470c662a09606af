/** `2026-11-30T14:00:00Z` → `14:00` (UTC). */
export const hourLabel = (hour: string) => hour.slice(11, 16)
