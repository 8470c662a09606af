'use client'

import Link from 'next/link'
import { useActionState, useEffect, useId, useRef, useState } from 'react'

import { FieldMessages, FormMessage } from '@/components/FormFields/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { KIND_LABELS, type DiscussionKind } from '@/lib/forum/config'
import { initialFormState } from '@/lib/formState'

import { createDiscussionAction, suggestAction } from '../discussions/new/actions'
import { clearDraft, MarkdownEditor } from './MarkdownEditor.client'

export type CategoryChoice = { id: number; name: string; kinds: DiscussionKind[] }

/** Start a discussion: category and kind, title (similar ones shown while typing), body, tags. */
export function NewDiscussionForm({
  categories,
  initialCategory,
  viewerId,
}: {
  categories: CategoryChoice[]
  initialCategory?: number
  /** Drafts are kept per member: someone else signing in on this browser never sees them. */
  viewerId: number
}) {
  const draftKey = `u${viewerId}:new`
  const titleDraft = `tt-forum-draft:u${viewerId}:new-title`
  const [state, formAction, isPending] = useActionState(createDiscussionAction, initialFormState)
  const formRef = useRef<HTMLFormElement>(null)
  useActionFeedback(state, { formRef })
  const id = useId()
  const [categoryId, setCategoryId] = useState(
    Number(state.values?.category ?? initialCategory ?? categories[0]?.id),
  )
  const category = categories.find((c) => c.id === categoryId) ?? categories[0]
  const [title, setTitle] = useState(state.values?.title ?? '')
  const [similar, setSimilar] = useState<{ value: string; label: string; href?: string }[]>([])
  const [tags, setTags] = useState(state.values?.tags ?? '')
  const [tagOptions, setTagOptions] = useState<{ value: string; label: string }[]>([])

  useEffect(() => {
    if (title) return
    const restore = (saved: string | null) => saved && setTitle(saved)
    try {
      restore(window.localStorage.getItem(titleDraft))
    } catch (error) {
      console.warn('forum: title draft not read', error)
    }
    // Only once, on the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const timer = window.setTimeout(() => {
      try {
        if (title) window.localStorage.setItem(titleDraft, title)
        else window.localStorage.removeItem(titleDraft)
      } catch (error) {
        console.warn('forum: title draft not saved', error)
      }
      if (title.trim().length < 4) {
        setSimilar([])
        return
      }
      void suggestAction('similar', title).then(setSimilar)
    }, 350)
    return () => window.clearTimeout(timer)
  }, [title, titleDraft])

  useEffect(() => {
    const last = tags.split(/[,\s]+/).at(-1) ?? ''
    const timer = window.setTimeout(
      () => (last ? void suggestAction('tags', last).then(setTagOptions) : setTagOptions([])),
      250,
    )
    return () => window.clearTimeout(timer)
  }, [tags])

  const errors = state.errors ?? {}
  const prefix = tags.replace(/[^,\s]*$/, '')
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={() => {
        clearDraft(draftKey)
        try {
          window.localStorage.removeItem(titleDraft)
        } catch (error) {
          console.warn('forum: title draft not cleared', error)
        }
      }}
      className="space-y-5"
      noValidate
    >
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-category`}>Category</Label>
          <Select
            id={`${id}-category`}
            name="category"
            value={String(categoryId)}
            onChange={(event) => setCategoryId(Number(event.target.value))}
            aria-invalid={errors.category ? true : undefined}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
          <FieldMessages id={`${id}-category`} error={errors.category} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-kind`}>Kind</Label>
          <Select
            key={category?.id}
            id={`${id}-kind`}
            name="kind"
            defaultValue={state.values?.kind ?? category?.kinds[0]}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={errors.kind ? `${id}-kind-error` : undefined}
          >
            {category?.kinds.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
          <FieldMessages id={`${id}-kind`} error={errors.kind} />
        </div>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-title`}>Title</Label>
        <Input
          id={`${id}-title`}
          name="title"
          value={title}
          maxLength={150}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={`${id}-similar${errors.title ? ` ${id}-title-error` : ''}`}
        />
        <FieldMessages id={`${id}-title`} error={errors.title} />
        <div id={`${id}-similar`} aria-live="polite">
          {similar.length > 0 && (
            <div className="rounded-md border border-border bg-muted/50 p-3 text-sm">
              <p className="font-medium">Similar discussions — maybe yours is answered already:</p>
              <ul className="mt-1 list-disc pl-5">
                {similar.map((item) => (
                  <li key={item.value}>
                    <Link
                      href={item.href ?? '#'}
                      className="text-primary underline"
                      target="_blank"
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <MarkdownEditor
        name="body"
        label="Body"
        draftKey={draftKey}
        defaultValue={state.values?.body}
        error={errors.body}
        rows={12}
      />
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-tags`}>Tags</Label>
        <Input
          id={`${id}-tags`}
          name="tags"
          value={tags}
          list={`${id}-tag-options`}
          autoComplete="off"
          onChange={(event) => setTags(event.target.value)}
          aria-describedby={`${id}-tags-hint${errors.tags ? ` ${id}-tags-error` : ''}`}
          aria-invalid={errors.tags ? true : undefined}
        />
        <datalist id={`${id}-tag-options`}>
          {tagOptions.map((tag) => (
            <option key={tag.value} value={`${prefix}${tag.value}`}>
              {tag.label}
            </option>
          ))}
        </datalist>
        <FieldMessages
          id={`${id}-tags`}
          hint="Up to 5, separated by commas: pytorch, rate-limits …"
          error={errors.tags}
        />
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Posting…' : 'Post discussion'}
      </Button>
    </form>
  )
}
