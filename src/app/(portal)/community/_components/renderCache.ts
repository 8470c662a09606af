import 'server-only'

import { createHash } from 'node:crypto'
import type { ReactElement } from 'react'

import { markdownTree } from '@/components/Markdown'

const MAX_ENTRIES = 5000
const rendered = new Map<string, ReactElement>()

/**
 * A post's Markdown as a React element, rendered (parsed, sanitised, highlighted) once per
 * text and kept: a thread page shows up to 51 posts, and parsing them is most of its cost. The
 * key is the text's hash, so an edit renders anew; the oldest entries go first.
 */
export function cachedMarkdown(source: string): ReactElement {
  const key = createHash('sha1').update(source).digest('base64')
  const hit = rendered.get(key)
  if (hit) return hit
  const element = markdownTree(source)
  rendered.set(key, element)
  if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value as string)
  return element
}
