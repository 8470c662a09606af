'use client'

import Image from 'next/image'
import { useCallback, useEffect, useRef, useState } from 'react'

import { Button } from '@/components/ui/button'

export type Shot = {
  src: string
  thumb: string
  alt: string
  width: number
  height: number
}

/**
 * The screenshots: thumbnails that open a lightbox. The lightbox is a modal dialog: focus moves
 * into it, Tab and Shift+Tab stay inside, arrows step through the pictures, Escape closes it, and
 * focus returns to the thumbnail that opened it.
 */
export function Gallery({ shots, title }: { shots: Shot[]; title: string }) {
  const [open, setOpen] = useState<number | null>(null)
  const dialog = useRef<HTMLDivElement>(null)
  const opener = useRef<HTMLButtonElement | null>(null)
  const close = useCallback(() => {
    setOpen(null)
    opener.current?.focus()
  }, [])
  const step = useCallback(
    (by: number) =>
      setOpen((index) => (index === null ? null : (index + by + shots.length) % shots.length)),
    [shots.length],
  )
  useEffect(() => {
    if (open === null) return
    const node = dialog.current
    node?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close()
      } else if (event.key === 'ArrowRight') step(1)
      else if (event.key === 'ArrowLeft') step(-1)
      else if (event.key === 'Tab' && node) {
        const focusable = [...node.querySelectorAll<HTMLElement>('button, a[href]')].filter(
          (el) => !el.hasAttribute('disabled'),
        )
        const first = focusable[0]
        const last = focusable.at(-1)
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault()
          last?.focus()
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault()
          first?.focus()
        } else if (!node.contains(document.activeElement)) {
          event.preventDefault()
          first?.focus()
        }
      }
    }
    document.addEventListener('keydown', onKey)
    const overflow = document.body.style.overflow
    document.body.style.overflow = 'hidden'
    return () => {
      document.removeEventListener('keydown', onKey)
      document.body.style.overflow = overflow
    }
  }, [open, close, step])
  if (!shots.length) return null
  const current = open === null ? null : shots[open]
  return (
    <>
      <ul aria-label={`Screenshots of ${title}`} className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {shots.map((shot, index) => (
          <li key={shot.src}>
            <button
              type="button"
              className="block w-full overflow-hidden rounded-md border border-border"
              onClick={(event) => {
                opener.current = event.currentTarget
                setOpen(index)
              }}
              aria-label={`Open screenshot ${index + 1} of ${shots.length}: ${shot.alt}`}
            >
              <Image
                unoptimized
                src={shot.thumb}
                alt={shot.alt}
                width={768}
                height={432}
                sizes="(min-width: 640px) 33vw, 50vw"
                className="h-auto w-full object-cover"
              />
            </button>
          </li>
        ))}
      </ul>
      {current && open !== null && (
        <div
          className="fixed inset-0 z-50 flex items-center justify-center bg-black/80 p-3"
          onClick={(event) => event.target === event.currentTarget && close()}
        >
          <div
            ref={dialog}
            role="dialog"
            aria-modal="true"
            aria-labelledby="lightbox-title"
            className="flex max-h-full w-full max-w-5xl flex-col gap-3 rounded-lg bg-background p-3 shadow-lg"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="lightbox-title" className="text-sm font-medium">
                Screenshot {open + 1} of {shots.length}
              </h2>
              <Button variant="outline" size="sm" onClick={close} data-autofocus>
                Close
              </Button>
            </div>
            <Image
              unoptimized
              src={current.src}
              alt={current.alt}
              width={current.width}
              height={current.height}
              sizes="(min-width: 1024px) 1000px, 100vw"
              className="max-h-[70vh] w-full object-contain"
            />
            <p className="text-sm text-muted-foreground">{current.alt}</p>
            {shots.length > 1 && (
              <div className="flex justify-between gap-2">
                <Button variant="outline" size="sm" onClick={() => step(-1)}>
                  Previous
                </Button>
                <Button variant="outline" size="sm" onClick={() => step(1)}>
                  Next
                </Button>
              </div>
            )}
          </div>
        </div>
      )}
    </>
  )
}
