'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

import { subscribe, watch } from '@/lib/live/client'

/**
 * Keeps a server-rendered page current: follows `topic` (e.g. `webhook-endpoint:12`, announced
 * by the worker after each delivery attempt) on the tab's one live stream and refreshes the
 * page's data when it changes (at most about once a second, the server coalesces).
 */
export function LiveRefresh({ topic }: { topic: string }) {
  const router = useRouter()
  useEffect(() => {
    const stopWatching = watch(topic)
    const unsubscribe = subscribe('changed', (changed) => {
      if (changed === topic) router.refresh()
    })
    return () => {
      unsubscribe()
      stopWatching()
    }
  }, [router, topic])
  return null
}
