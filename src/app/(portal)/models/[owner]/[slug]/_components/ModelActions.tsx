'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'

type Props = {
  modelId: number
  stars: number
  isStarred: boolean
  isSignedIn: boolean
  canFork: boolean
  downloadHref: string | null
  returnTo: string
}

async function call(path: string, method: 'POST' | 'DELETE') {
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: method === 'POST' ? '{}' : undefined,
  })
  const body = (await response.json().catch(() => ({}))) as {
    errors?: { message: string }[]
    doc?: { ownerHandle: string; slug: string }
  }
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? 'That did not work. Try again.')
  return body
}

/** Star (toggle), fork (after confirming) and the quick download of the latest version. */
export function ModelActions(props: Props) {
  const router = useRouter()
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [isForkOpen, setForkOpen] = useState(false)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const star = () =>
    run(async () => {
      await call(`/api/ml-models/${props.modelId}/star`, props.isStarred ? 'DELETE' : 'POST')
      router.refresh()
    })
  const fork = () =>
    run(async () => {
      setForkOpen(false)
      const { doc } = await call(`/api/ml-models/${props.modelId}/fork`, 'POST')
      if (doc) router.push(`/models/${doc.ownerHandle}/${doc.slug}`)
    })
  const signIn = `/login?next=${encodeURIComponent(props.returnTo)}`
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {props.downloadHref && (
          <Button asChild>
            <a href={props.downloadHref}>Download latest</a>
          </Button>
        )}
        {props.isSignedIn ? (
          <Button variant="outline" onClick={star} disabled={isBusy} aria-pressed={props.isStarred}>
            {props.isStarred ? 'Starred' : 'Star'} · {props.stars}
          </Button>
        ) : (
          <Button asChild variant="outline">
            <Link href={signIn}>Sign in to star · {props.stars}</Link>
          </Button>
        )}
        {props.isSignedIn && props.canFork && (
          <>
            <ConfirmDialog
              open={isForkOpen}
              onOpenChange={setForkOpen}
              trigger={
                <Button variant="outline" disabled={isBusy}>
                  Fork
                </Button>
              }
              title="Fork this model?"
              description="You get your own copy of its card and metadata, linked back to this model. Its files are referenced, not copied."
              confirmLabel="Fork"
              formId="fork-form"
            />
            <form
              id="fork-form"
              onSubmit={(event) => {
                event.preventDefault()
                void fork()
              }}
            />
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  )
}
