'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { formatDateTime } from '@/lib/time'

/** "58 min", "1 h 5 min", "42 s": what is left until `until`, coarse to fine. */
export function remaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  if (minutes <= 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`
  return `${Math.round(hours / 24)} days`
}

/**
 * A live countdown: "stops working in 58 min", ticking each second in the last minutes, then
 * `endedLabel` once the time has passed. `now` is the server's, so both render the same words.
 */
export function Countdown({
  until,
  now,
  label = 'stops working in',
  endedLabel = 'has stopped working',
  refreshAtEnd = false,
}: {
  until: string
  now: number
  label?: string
  endedLabel?: string
  /** Refresh the page's data once the time is up (its status badges follow). */
  refreshAtEnd?: boolean
}) {
  const router = useRouter()
  const end = new Date(until).getTime()
  const [current, setCurrent] = useState(now)
  useEffect(() => {
    const timer = setInterval(() => setCurrent(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = end - current
  const isOver = left <= 0
  const hasRefreshed = useRef(false)
  useEffect(() => {
    // Once, when the time runs out while the page is open (not when it opened late).
    if (!isOver || !refreshAtEnd || end <= now || hasRefreshed.current) return
    hasRefreshed.current = true
    router.refresh()
  }, [isOver, refreshAtEnd, end, now, router])
  return (
    <time
      dateTime={new Date(end).toISOString()}
      title={formatDateTime(until)}
      data-testid="countdown"
      suppressHydrationWarning
    >
      {left > 0 ? `${label} ${remaining(left)}` : endedLabel}
    </time>
  )
}
