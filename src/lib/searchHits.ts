/** One search result: where it leads, and under which heading it is listed. */
export type SearchHit = { group: string; title: string; href: string; detail?: string | null }

/** Results under their headings, in the order the headings first appear. */
export function groupsOf(hits: SearchHit[]): [string, SearchHit[]][] {
  const groups = new Map<string, SearchHit[]>()
  for (const hit of hits) groups.set(hit.group, [...(groups.get(hit.group) ?? []), hit])
  return [...groups]
}
