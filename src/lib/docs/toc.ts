/** Headings of a page's Lexical body, for its table of contents and the ids of its headings. */
export type TocEntry = { id: string; text: string; level: 2 | 3 }

type LexicalNode = { type?: string; tag?: string; text?: string; children?: LexicalNode[] }

export const textOf = (node: LexicalNode): string =>
  node.text ?? (node.children ?? []).map(textOf).join('')

/** GitHub-style slug: lowercase, letters, digits and hyphens. */
export const slugify = (text: string) =>
  text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-')

/**
 * The h2 and h3 headings in document order with unique ids (a repeated heading gets `-1`,
 * `-2` …). The renderer gives each heading the id at the same position, so links always match.
 */
export function tableOfContents(body: { root: LexicalNode } | null | undefined): TocEntry[] {
  const seen = new Map<string, number>()
  const entries: TocEntry[] = []
  for (const node of body?.root.children ?? []) {
    if (node.type !== 'heading' || (node.tag !== 'h2' && node.tag !== 'h3')) continue
    const text = textOf(node)
    const base = slugify(text) || 'section'
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    entries.push({ id: count ? `${base}-${count}` : base, text, level: node.tag === 'h2' ? 2 : 3 })
  }
  return entries
}
