'use client'

import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react'

import { Markdown } from '@/components/Markdown'
import { cn } from '@/lib/cn'
import { inputClass } from '@/components/ui/input'

import { suggestAction } from '../discussions/new/actions'

type Uploaded = { id: number; name: string; url: string; isImage: boolean }

type Props = {
  name: string
  label: string
  defaultValue?: string
  /** localStorage key: the text is kept as a draft while typing and restored. */
  draftKey?: string
  error?: string
  rows?: number
  /** A window event whose `detail.text` is put in front of the text (quote-replies). */
  quoteEvent?: string
}

const DRAFT_PREFIX = 'tt-forum-draft:'

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(DRAFT_PREFIX + key)
  } catch (error) {
    console.warn('forum: draft not cleared', error)
  }
}

/**
 * A Markdown field with Write/Preview, @mention suggestions, and attachments by drag-and-drop,
 * paste or picker (uploaded to /api/forum-attachments and linked in the text). The text is
 * saved as a draft in the browser while typing.
 */
export function MarkdownEditor({
  name,
  label,
  defaultValue = '',
  draftKey,
  error,
  rows = 8,
  quoteEvent,
}: Props) {
  const id = useId()
  const [value, setValue] = useState(defaultValue)
  const [tab, setTab] = useState<'write' | 'preview'>('write')
  const [files, setFiles] = useState<Uploaded[]>([])
  const [status, setStatus] = useState('')
  const [mentions, setMentions] = useState<{ value: string; label: string }[]>([])
  const [active, setActive] = useState(0)
  const area = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (!draftKey || defaultValue) return
    const restore = (saved: string | null) => {
      if (!saved) return
      setValue(saved)
      setStatus('Draft restored.')
    }
    try {
      restore(window.localStorage.getItem(DRAFT_PREFIX + draftKey))
    } catch (err) {
      console.warn('forum: draft not read', err)
    }
  }, [draftKey, defaultValue])

  useEffect(() => {
    if (!draftKey) return
    const timer = window.setTimeout(() => {
      try {
        if (value) window.localStorage.setItem(DRAFT_PREFIX + draftKey, value)
        else window.localStorage.removeItem(DRAFT_PREFIX + draftKey)
      } catch (err) {
        console.warn('forum: draft not saved', err)
      }
    }, 400)
    return () => window.clearTimeout(timer)
  }, [draftKey, value])

  useEffect(() => {
    if (!quoteEvent) return
    const onQuote = (event: Event) => {
      const { text } = (event as CustomEvent<{ text: string }>).detail
      setValue((current) => `${text}${current}`)
      setTab('write')
      area.current?.focus()
    }
    window.addEventListener(quoteEvent, onQuote)
    return () => window.removeEventListener(quoteEvent, onQuote)
  }, [quoteEvent])

  const mentionAt = (text: string, caret: number) =>
    /(?:^|\s)@([a-z0-9-]{1,30})$/i.exec(text.slice(0, caret))

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setValue(event.target.value)
    const match = mentionAt(event.target.value, event.target.selectionStart)
    if (!match) {
      setMentions([])
      return
    }
    void suggestAction('users', match[1]).then((found) => {
      setMentions(found)
      setActive(0)
    })
  }

  const chooseMention = (username: string) => {
    const el = area.current
    if (!el) return
    const caret = el.selectionStart
    const match = mentionAt(value, caret)
    if (!match) return
    const start = caret - match[1].length
    const next = `${value.slice(0, start)}${username} ${value.slice(caret)}`
    setValue(next)
    setMentions([])
    requestAnimationFrame(() => {
      el.focus()
      el.selectionStart = el.selectionEnd = start + username.length + 1
    })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.length === 0) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(
        (index) =>
          (index + (event.key === 'ArrowDown' ? 1 : mentions.length - 1)) % mentions.length,
      )
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault()
      chooseMention(mentions[active].value)
    } else if (event.key === 'Escape') {
      setMentions([])
    }
  }

  const upload = async (list: FileList | File[]) => {
    for (const file of Array.from(list).slice(0, 5)) {
      setStatus(`Uploading ${file.name}…`)
      const form = new FormData()
      form.append('file', file)
      form.append('_payload', JSON.stringify({ alt: file.name }))
      try {
        const response = await fetch('/api/forum-attachments', { method: 'POST', body: form })
        const body = (await response.json()) as {
          doc?: { id: number; url: string; filename: string; mimeType: string }
          errors?: { message: string }[]
        }
        if (!response.ok || !body.doc) {
          setStatus(body.errors?.[0]?.message ?? `${file.name} was not uploaded.`)
          continue
        }
        const doc = body.doc
        const isImage = doc.mimeType.startsWith('image/')
        setFiles((current) => [
          ...current,
          { id: doc.id, name: doc.filename, url: doc.url, isImage },
        ])
        const link = `${isImage ? '!' : ''}[${doc.filename.replace(/[[\]]/g, '')}](${doc.url})`
        setValue(
          (current) => `${current}${current && !current.endsWith('\n') ? '\n' : ''}${link}\n`,
        )
        setStatus(`${file.name} attached.`)
      } catch (err) {
        console.warn('forum: upload failed', err)
        setStatus(`${file.name} was not uploaded: check your connection.`)
      }
    }
  }

  const onDrop = (event: DragEvent<HTMLTextAreaElement>) => {
    if (event.dataTransfer.files.length === 0) return
    event.preventDefault()
    void upload(event.dataTransfer.files)
  }
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    if (event.clipboardData.files.length === 0) return
    event.preventDefault()
    void upload(event.clipboardData.files)
  }

  const errorId = `${id}-error`
  const listId = `${id}-mentions`
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <div role="group" aria-label="Editor view" className="flex gap-1">
          {(['write', 'preview'] as const).map((view) => (
            <button
              key={view}
              type="button"
              aria-pressed={tab === view}
              onClick={() => setTab(view)}
              className="rounded px-2 py-1 text-xs aria-pressed:bg-muted aria-pressed:font-semibold"
            >
              {view === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
      </div>
      <textarea
        ref={area}
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onDrop={onDrop}
        onPaste={onPaste}
        hidden={tab !== 'write'}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}
        aria-autocomplete="list"
        aria-controls={mentions.length ? listId : undefined}
        aria-activedescendant={mentions.length ? `${listId}-${active}` : undefined}
        className={cn(inputClass, 'min-h-40 font-mono text-sm')}
      />
      {mentions.length > 0 && tab === 'write' && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Members to mention"
          className="rounded-md border border-border bg-card p-1 text-sm"
        >
          {mentions.map((mention, index) => (
            <li
              key={mention.value}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault()
                chooseMention(mention.value)
              }}
              className="cursor-pointer rounded px-2 py-1 aria-selected:bg-muted"
            >
              {mention.label}
            </li>
          ))}
        </ul>
      )}
      {tab === 'preview' && (
        <div className="min-h-40 rounded-md border border-border p-3" aria-live="polite">
          {value.trim() ? (
            <Markdown>{value}</Markdown>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview yet.</p>
          )}
        </div>
      )}
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Markdown with code blocks (```python). Type @ to mention someone; drop, paste or{' '}
        <label className="cursor-pointer text-primary underline">
          choose files
          <input
            type="file"
            multiple
            className="sr-only"
            accept="image/png,image/jpeg,image/webp,image/gif,.txt,.md,.csv,.json,.py,.js,.ts,.yaml,.yml,.log"
            onChange={(event) => event.target.files && void upload(event.target.files)}
          />
        </label>{' '}
        to attach images or text files (2 MB each).
      </p>
      <input type="hidden" name="attachments" value={files.map((file) => file.id).join(',')} />
      <p role="status" className="text-xs text-muted-foreground">
        {status}
      </p>
      {error && (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  )
}
