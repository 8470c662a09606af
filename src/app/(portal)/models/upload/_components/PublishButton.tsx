'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { Button } from '@/components/ui/button'

/** Step 3: publish the version (it goes live once every file's scan is done). */
export function PublishButton({
  versionId,
  href,
  isReady,
}: {
  versionId: number
  href: string
  isReady: boolean
}) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const publish = async () => {
    setBusy(true)
    setError(null)
    const response = await fetch(`/api/model-versions/${versionId}/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
    setBusy(false)
    if (!response.ok) return setError(body.errors?.[0]?.message ?? 'Publishing failed.')
    router.push(href)
  }
  return (
    <div className="space-y-2">
      <Button type="button" onClick={publish} disabled={!isReady || isBusy}>
        {isBusy ? 'Publishing…' : 'Publish'}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  )
}
