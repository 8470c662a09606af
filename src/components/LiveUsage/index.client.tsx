'use client'

import { useEffect, useState } from 'react'

import { UsageBar } from '@/components/UsageBar'
import { subscribe, watch } from '@/lib/live/client'
import { count, RESOURCE_LABELS } from '@/lib/usage/labels'
import type { AccountUsage } from '@/lib/usage/live'

/**
 * The accounts' limit windows as bars, kept live: the page's tab stream watches
 * `usage:<accounts>` and the server sends the limiter's counters within a second of a change.
 */
export function LiveUsage({
  initial,
  labels,
  now,
}: {
  initial: AccountUsage[]
  /** Account key (`u12`) → its name on the page. */
  labels: Record<string, string>
  now: number
}) {
  const [usage, setUsage] = useState(initial)
  const [at, setAt] = useState(now)
  const topic = `usage:${initial.map((entry) => entry.account).join(',')}`
  useEffect(() => {
    if (initial.length === 0) return
    const stopWatching = watch(topic)
    const unsubscribe = subscribe('usage', (data) => {
      try {
        setUsage(JSON.parse(data) as AccountUsage[])
        setAt(Date.now())
      } catch {
        // A malformed message changes nothing; the next one will do.
      }
    })
    return () => {
      unsubscribe()
      stopWatching()
    }
  }, [initial.length, topic])

  return (
    <div className="space-y-6" data-live-usage={topic}>
      {usage.map((entry) => (
        <section key={entry.account} aria-label={`Usage of ${labels[entry.account]}`}>
          {usage.length > 1 && (
            <h3 className="mb-2 text-sm font-semibold">
              {labels[entry.account]}{' '}
              <span className="font-normal text-muted-foreground">· {entry.plan} plan</span>
            </h3>
          )}
          {entry.windows.length === 0 ? (
            <p className="text-sm">No limits apply to this plan.</p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {entry.windows.map((w) => (
                <UsageBar
                  key={`${w.resource}:${w.window}`}
                  name={RESOURCE_LABELS[w.resource]}
                  window={w.window}
                  limit={w.limit}
                  used={w.used}
                  resetsAt={w.resetsAt}
                  now={at}
                />
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm text-muted-foreground">
            {entry.today === null
              ? 'Today’s calls are unavailable right now.'
              : `Today (UTC): ${count(entry.today.allowed)} calls allowed, ${count(entry.today.limited)} rate limited.`}
          </p>
        </section>
      ))}
    </div>
  )
}
