'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Keeps a server-rendered page current: listens on the live stream for `topic` (e.g.
 * `webhook-endpoint:12`, announced by the worker after each delivery attempt) and refreshes the
 * page's data when it changes. The browser reconnects a dropped stream by itself.
 */
export function LiveRefresh({ topic }: { topic: string }) {
  const router = useRouter()
  useEffect(() => {
    const source = new EventSource(`/api/notifications/stream?watch=${encodeURIComponent(topic)}`)
    const onChanged = () => router.refresh()
    source.addEventListener('changed', onChanged)
    return () => {
      source.removeEventListener('changed', onChanged)
      source.close()
    }
  }, [router, topic])
  return null
}
