'use client'

import { useEffect, useRef } from 'react'

/** "Groove Labs, Inc." → "groove-labs-inc": lower-case letters, digits and single dashes. */
export function slugify(value: string, maxLength = 48): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}

/**
 * Fills the form's `to` field from its `from` field as the person types (the organization's
 * slug from its name), until they edit the slug themselves.
 */
export function SuggestSlug({ from, to }: { from: string; to: string }) {
  const marker = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    const form = marker.current?.closest('form')
    const source = form?.elements.namedItem(from)
    const target = form?.elements.namedItem(to)
    if (!(source instanceof HTMLInputElement) || !(target instanceof HTMLInputElement)) return
    let isEdited = target.value !== '' && target.value !== slugify(source.value)
    const onSource = () => {
      if (!isEdited)
        target.value = slugify(source.value, target.maxLength > 0 ? target.maxLength : 48)
    }
    const onTarget = () => {
      isEdited = target.value !== ''
    }
    source.addEventListener('input', onSource)
    target.addEventListener('input', onTarget)
    return () => {
      source.removeEventListener('input', onSource)
      target.removeEventListener('input', onTarget)
    }
  }, [from, to])
  return <span ref={marker} hidden />
}
