'use client'

import { useEffect, useState } from 'react'

import { formatDateTime, relativeTime } from '@/lib/time'

/**
 * "3 minutes ago", kept current while the page stays open; the exact date and time in its
 * tooltip and for machines (`dateTime`). `now` is the server's (one per request, requestNow()),
 * so server and browser render the same words.
 */
export function RelativeTime({ date, now }: { date: string | Date; now: number }) {
  const [current, setCurrent] = useState(now)
  useEffect(() => {
    const timer = setInterval(() => setCurrent(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  const iso = new Date(date).toISOString()
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {relativeTime(iso, current)}
    </time>
  )
}
