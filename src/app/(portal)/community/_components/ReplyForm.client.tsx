'use client'

import { useActionState, useEffect, useRef, useState } from 'react'

import { FormMessage } from '@/components/FormFields/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button } from '@/components/ui/button'
import { initialFormState, type FormState } from '@/lib/formState'

import { replyAction } from '../discussions/[id]/actions'
import { clearDraft, MarkdownEditor } from './MarkdownEditor.client'

export const QUOTE_EVENT = 'tt-forum-quote'
export type QuoteDetail = { replyId: number | null; text: string; author: string }

/** The reply box at the end of a thread; "Quote" on a post fills it (and answers that post). */
export function ReplyForm({ discussionId, viewerId }: { discussionId: number; viewerId: number }) {
  // Per member: someone else signing in on this browser never sees the draft.
  const draftKey = `u${viewerId}:reply-${discussionId}`
  const [parent, setParent] = useState<{ id: number; author: string } | null>(null)
  const [posted, setPosted] = useState(0)
  const [state, formAction, isPending] = useActionState(
    async (previous: FormState, formData: FormData) => {
      const result = await replyAction(previous, formData)
      if (result.status === 'ok') {
        // A fresh, empty box for the next reply.
        clearDraft(draftKey)
        setParent(null)
        setPosted((count) => count + 1)
      }
      return result
    },
    initialFormState,
  )
  const formRef = useRef<HTMLFormElement>(null)
  useActionFeedback(state, { formRef })

  useEffect(() => {
    const onQuote = (event: Event) => {
      const detail = (event as CustomEvent<QuoteDetail>).detail
      setParent(detail.replyId ? { id: detail.replyId, author: detail.author } : null)
      formRef.current?.scrollIntoView({ block: 'center' })
    }
    window.addEventListener(QUOTE_EVENT, onQuote)
    return () => window.removeEventListener(QUOTE_EVENT, onQuote)
  }, [])

  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-3"
      noValidate
      aria-labelledby="reply-heading"
    >
      <h2 id="reply-heading" className="text-lg font-semibold">
        Your reply
      </h2>
      <FormMessage state={state} />
      <input type="hidden" name="discussion" value={discussionId} />
      <input type="hidden" name="parent" value={parent?.id ?? ''} />
      {parent && (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          Answering @{parent.author}’s reply
          <button type="button" className="text-primary underline" onClick={() => setParent(null)}>
            Cancel
          </button>
        </p>
      )}
      <MarkdownEditor
        key={posted}
        name="body"
        label="Reply"
        draftKey={draftKey}
        defaultValue={state.status === 'error' ? state.values?.body : undefined}
        error={state.errors?.body}
        quoteEvent={QUOTE_EVENT}
      />
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Posting…' : 'Post reply'}
      </Button>
    </form>
  )
}
