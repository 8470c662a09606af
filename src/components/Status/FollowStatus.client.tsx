'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

import { Button } from '@/components/ui/button'
import { useViewer } from '@/components/Viewer/index.client'

/**
 * Members follow the status page in the portal (its notices in the bell); visitors are told
 * they can. Loaded in the browser: the page itself is the same for everyone.
 */
export function FollowStatus() {
  const viewer = useViewer()
  const [following, setFollowing] = useState<boolean | null>(null)
  const [message, setMessage] = useState('')
  useEffect(() => {
    if (!viewer) return
    void fetch('/api/status-components/follow', { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { following?: boolean } | null) => setFollowing(body?.following ?? false))
      .catch(() => setFollowing(false))
  }, [viewer])

  if (viewer === undefined || (viewer && following === null)) {
    return <span aria-hidden="true" className="inline-block h-10 w-40" />
  }
  if (!viewer) {
    return (
      <p className="text-sm text-muted-foreground">
        Members can follow status in the portal’s notifications.{' '}
        <Link href="/login?next=/status" className="text-primary underline">
          Log in
        </Link>
      </p>
    )
  }
  async function toggle() {
    const next = !following
    const response = await fetch('/api/status-components/follow', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ follow: next }),
    })
    if (!response.ok) {
      setMessage('That did not work. Try again.')
      return
    }
    setFollowing(next)
    setMessage(
      next
        ? 'You follow status: incidents and maintenance show in your notifications.'
        : 'You no longer follow status.',
    )
  }
  return (
    <div className="space-y-1">
      <Button type="button" variant="outline" aria-pressed={following === true} onClick={toggle}>
        {following ? 'Following status' : 'Follow status in the portal'}
      </Button>
      <p aria-live="polite" className="text-xs text-muted-foreground">
        {message}
      </p>
    </div>
  )
}
