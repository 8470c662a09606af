import type { SnippetPart } from './docs/snippet'

/**
 * One search result: where it leads, and under which heading it is listed; docs pages come
 * with a snippet of their text, the matched words marked.
 */
export type SearchHit = {
  group: string
  title: string
  href: string
  detail?: string | null
  snippet?: SnippetPart[]
}

/** Results under their headings, in the order the headings first appear. */
export function groupsOf(hits: SearchHit[]): [string, SearchHit[]][] {
  const groups = new Map<string, SearchHit[]>()
  for (const hit of hits) groups.set(hit.group, [...(groups.get(hit.group) ?? []), hit])
  return [...groups]
}
