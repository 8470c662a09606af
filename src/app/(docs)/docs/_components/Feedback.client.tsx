'use client'

import Link from 'next/link'
import { useState } from 'react'

import { useViewer } from '@/components/Viewer/index.client'

type State =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; helpful: boolean }
  | { status: 'failed'; message: string }

/** "Was this helpful?": one vote per signed-in person and page (voting again changes it). */
export function Feedback({ pageId, path }: { pageId: number; path: string }) {
  const viewer = useViewer()
  const [state, setState] = useState<State>({ status: 'idle' })

  const vote = async (helpful: boolean) => {
    setState({ status: 'sending' })
    const response = await fetch(`/api/docs-pages/${pageId}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ helpful }),
    }).catch((error: unknown) => {
      console.warn('docs feedback not sent', error)
      return null
    })
    if (response?.ok) {
      setState({ status: 'done', helpful })
      return
    }
    const body = (await response?.json().catch(() => null)) as {
      errors?: { message: string }[]
    } | null
    setState({
      status: 'failed',
      message: body?.errors?.[0]?.message ?? 'Your answer was not saved. Try again.',
    })
  }

  const button =
    'min-h-9 rounded-md border border-border px-4 text-sm hover:bg-muted disabled:opacity-60'
  return (
    <section aria-labelledby="feedback-heading" className="rounded-md border border-border p-4">
      <h2 id="feedback-heading" className="font-semibold">
        Was this page helpful?
      </h2>
      {viewer === undefined ? (
        <p className="mt-2 h-9" />
      ) : viewer === null ? (
        <p className="mt-2 text-sm">
          <Link href={`/login?next=${encodeURIComponent(path)}`} className="text-primary underline">
            Log in
          </Link>{' '}
          to tell us.
        </p>
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={button}
            disabled={state.status === 'sending'}
            aria-pressed={state.status === 'done' ? state.helpful : undefined}
            onClick={() => vote(true)}
          >
            Yes
          </button>
          <button
            type="button"
            className={button}
            disabled={state.status === 'sending'}
            aria-pressed={state.status === 'done' ? !state.helpful : undefined}
            onClick={() => vote(false)}
          >
            No
          </button>
        </div>
      )}
      <p role="status" className="mt-2 text-sm">
        {state.status === 'done'
          ? state.helpful
            ? 'Thanks! Glad it helped.'
            : 'Thanks. We will use this to improve the page.'
          : state.status === 'failed'
            ? state.message
            : ''}
      </p>
    </section>
  )
}
