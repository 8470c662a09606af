'use client'

import { useActionState, useId, useState, useTransition } from 'react'

import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button } from '@/components/ui/button'
import { Select, Textarea } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FLAG_REASON_LABELS, FLAG_REASONS } from '@/lib/forum/config'
import { quoteOf } from '@/lib/forum/text'
import { initialFormState, type FormState } from '@/lib/formState'

import { flagAction, postSourceAction, type PostSourceState } from '../discussions/[id]/actions'
import { QUOTE_EVENT, type QuoteDetail } from './ReplyForm.client'

type PostRef = { collection: 'discussions' | 'replies'; id: number }

/** Asks for a post's Markdown (the page does not carry it twice); an error state when refused. */
async function fetchSource({ collection, id }: PostRef): Promise<PostSourceState> {
  const form = new FormData()
  form.set('collection', collection)
  form.set('id', String(id))
  return postSourceAction(initialFormState, form)
}

/** Quote this post into the reply box. */
export function QuoteButton({
  collection,
  id,
  author,
}: PostRef & {
  author: string
}) {
  const [isPending, startTransition] = useTransition()
  const [state, setState] = useState<FormState>(initialFormState)
  useActionFeedback(state, { toastSuccess: false, toastError: true })
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          const source = await fetchSource({ collection, id })
          setState(source)
          if (source.status !== 'ok' || source.body === undefined) return
          window.dispatchEvent(
            new CustomEvent<QuoteDetail>(QUOTE_EVENT, {
              detail: {
                replyId: collection === 'replies' ? id : null,
                author,
                text: quoteOf(author, source.body),
              },
            }),
          )
        })
      }
    >
      Quote
    </Button>
  )
}

/** Copies the address of a post (its anchor on the thread page). */
export function CopyLinkButton({ hash, label }: { hash: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      aria-label={label}
      onClick={() => {
        const url = `${window.location.origin}${window.location.pathname}#${hash}`
        navigator.clipboard.writeText(url).then(
          () => setCopied(true),
          (error: unknown) => console.warn('forum: link not copied', error),
        )
        window.history.replaceState(null, '', `#${hash}`)
        window.setTimeout(() => setCopied(false), 2000)
      }}
    >
      {copied ? 'Link copied' : 'Share'}
    </Button>
  )
}

/** "Flag": a reason and optional details, behind a disclosure. */
export function FlagButton({ target, id }: { target: 'discussion' | 'reply'; id: number }) {
  const [isOpen, setOpen] = useState(false)
  const [state, formAction, isPending] = useActionState(flagAction, initialFormState)
  useActionFeedback(state, { toastError: true })
  const formId = useId()
  if (state.status === 'ok') return <span className="text-xs text-muted-foreground">Flagged</span>
  return (
    <div className="inline-flex flex-col">
      <Button
        type="button"
        variant="ghost"
        size="sm"
        aria-expanded={isOpen}
        aria-controls={formId}
        onClick={() => setOpen(!isOpen)}
      >
        Flag
      </Button>
      {isOpen && (
        <form
          id={formId}
          action={formAction}
          className="mt-2 w-64 space-y-2 rounded-md border border-border bg-card p-3"
          aria-label="Flag this post"
        >
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="id" value={id} />
          <div className="space-y-1">
            <Label htmlFor={`${formId}-reason`}>Reason</Label>
            <Select id={`${formId}-reason`} name="reason" defaultValue="spam">
              {FLAG_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {FLAG_REASON_LABELS[reason]}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor={`${formId}-details`}>Details (optional)</Label>
            <Textarea id={`${formId}-details`} name="details" rows={2} maxLength={1000} />
          </div>
          {state.status === 'error' && <p className="text-sm text-danger">{state.message}</p>}
          <Button type="submit" size="sm" disabled={isPending}>
            Send flag
          </Button>
        </form>
      )}
    </div>
  )
}

/** Moderators: move a discussion to another category. */
export function MoveForm({
  discussionId,
  categories,
  current,
  action,
}: {
  discussionId: number
  categories: { id: number; name: string }[]
  current: number
  action: (state: FormState, formData: FormData) => Promise<FormState>
}) {
  const [state, formAction, isPending] = useActionState(action, initialFormState)
  useActionFeedback(state, { toastError: true })
  const id = useId()
  return (
    <form action={formAction} className="flex items-end gap-2">
      <input type="hidden" name="target" value="discussion" />
      <input type="hidden" name="id" value={discussionId} />
      <input type="hidden" name="action" value="move" />
      <div className="space-y-1">
        <Label htmlFor={id} className="text-xs">
          Move to
        </Label>
        <Select
          id={id}
          name="category"
          defaultValue={String(current)}
          className="min-h-8 py-1 text-xs"
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="outline" size="sm" disabled={isPending}>
        Move
      </Button>
    </form>
  )
}

/** The author (while the thread is open) or a moderator edits a post in place. */
export function EditPost({
  collection,
  id,
  action,
}: PostRef & {
  action: (state: FormState, formData: FormData) => Promise<FormState>
}) {
  // The source is fetched when the form opens: the page does not carry it twice.
  const [source, setSource] = useState<string | null>(null)
  const [isLoading, startLoading] = useTransition()
  const [loadState, setLoadState] = useState<FormState>(initialFormState)
  const [state, formAction, isPending] = useActionState(
    async (previous: FormState, formData: FormData) => {
      const result = await action(previous, formData)
      if (result.status === 'ok') setSource(null)
      return result
    },
    initialFormState,
  )
  useActionFeedback(state, { toastError: true })
  useActionFeedback(loadState, { toastSuccess: false, toastError: true })
  const formId = useId()
  const isOpen = source !== null
  return (
    <div className="inline-flex flex-col">
      <Button
        type="button"
        variant="ghost"
        size="sm"
        aria-expanded={isOpen}
        aria-controls={formId}
        disabled={isLoading}
        onClick={() => {
          if (isOpen) return setSource(null)
          startLoading(async () => {
            const loaded = await fetchSource({ collection, id })
            setLoadState(loaded)
            if (loaded.status === 'ok' && loaded.body !== undefined) setSource(loaded.body)
          })
        }}
      >
        Edit
      </Button>
      {isOpen && (
        <form
          id={formId}
          action={formAction}
          className="mt-2 w-full min-w-72 space-y-2"
          aria-label="Edit post"
        >
          <input type="hidden" name="collection" value={collection} />
          <input type="hidden" name="id" value={id} />
          <Label htmlFor={`${formId}-body`}>Text</Label>
          <Textarea
            id={`${formId}-body`}
            name="body"
            rows={8}
            defaultValue={source}
            className="font-mono text-sm"
          />
          {state.status === 'error' && <p className="text-sm text-danger">{state.message}</p>}
          <Button type="submit" size="sm" disabled={isPending}>
            Save
          </Button>
        </form>
      )}
    </div>
  )
}
