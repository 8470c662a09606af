'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

import { subscribe } from '@/lib/live/client'

/**
 * The header's bell: the unread count, live. The tab's stream (/api/notifications/stream) gets
 * the count at once and again whenever it changes (in this tab or any other, from any server);
 * after a dropped connection the browser reconnects by itself and the count comes again.
 */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const [count, setCount] = useState(initialCount)
  useEffect(
    () =>
      subscribe('unread', (data) => {
        const next = Number(data)
        if (Number.isFinite(next)) setCount(next)
      }),
    [],
  )
  const label = count === 0 ? 'Notifications' : `Notifications, ${count} unread`
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex min-h-10 min-w-10 items-center justify-center rounded-md border border-border hover:bg-muted"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span
          aria-hidden="true"
          data-testid="unread-count"
          className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-primary px-1 text-center text-xs font-semibold leading-5 text-primary-foreground"
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  )
}
