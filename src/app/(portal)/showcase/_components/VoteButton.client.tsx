'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { Button } from '@/components/ui/button'

type Props = {
  projectId: number
  title: string
  votes: number
  isVoted: boolean
  isSignedIn: boolean
  isMine: boolean
  returnTo: string
}

/** Upvote (toggle) with the count; signed-out people are sent to log in, makers see the count. */
export function VoteButton(props: Props) {
  const router = useRouter()
  const [state, setState] = useState({ votes: props.votes, isVoted: props.isVoted })
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const label = `${state.votes} ${state.votes === 1 ? 'upvote' : 'upvotes'}`
  if (!props.isSignedIn) {
    return (
      <Button asChild variant="outline" size="sm">
        <Link
          href={`/login?next=${encodeURIComponent(props.returnTo)}`}
          aria-label={`Sign in to upvote ${props.title} (${label})`}
        >
          ▲ {state.votes}
        </Link>
      </Button>
    )
  }
  if (props.isMine) {
    return (
      <span className="inline-flex min-h-8 items-center rounded-md border border-border px-3 text-xs">
        ▲ {state.votes}
        <span className="sr-only"> {label} (your project)</span>
      </span>
    )
  }
  const toggle = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/showcase-projects/${props.projectId}/vote`, {
        method: state.isVoted ? 'DELETE' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: state.isVoted ? undefined : '{}',
      })
      const body = (await response.json().catch(() => ({}))) as {
        votes?: number
        voted?: boolean
        errors?: { message: string }[]
      }
      if (!response.ok) throw new Error(body.errors?.[0]?.message ?? 'That did not work.')
      setState({ votes: Number(body.votes ?? 0), isVoted: Boolean(body.voted) })
      router.refresh()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        variant={state.isVoted ? 'primary' : 'outline'}
        size="sm"
        onClick={toggle}
        disabled={isBusy}
        aria-pressed={state.isVoted}
        aria-label={`Upvote ${props.title} (${label})`}
      >
        ▲ {state.votes}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
    </span>
  )
}
