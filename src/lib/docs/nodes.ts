/**
 * The Lexical JSON of a docs page's body, as far as the docs' own converters read it (plain
 * text for search, Markdown for `.md`, llms.txt and the assistant). Payload's types describe
 * the editor's full node set; these walkers need the few fields below and skip the rest.
 */
export type LexicalNode = {
  type?: string
  tag?: string
  text?: string
  format?: number | string
  children?: LexicalNode[]
  listType?: string
  start?: number
  checked?: boolean
  fields?: Record<string, unknown>
  relationTo?: string
  value?: unknown
}

export type LexicalBody = { root: LexicalNode } | null | undefined

/** Lexical's text format bits. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, code: 16 } as const

export const hasFormat = (node: LexicalNode, bit: number) =>
  typeof node.format === 'number' && (node.format & bit) !== 0

/** Nodes that are blocks of their own (a walker puts a line break around them). */
export const BLOCK_NODES = new Set([
  'paragraph',
  'heading',
  'quote',
  'list',
  'listitem',
  'block',
  'horizontalrule',
  'upload',
])

/** Media as an upload field holds it: populated (depth ≥ 1) or just its id. */
export type MediaLike = { url?: string | null; alt?: string | null; mimeType?: string | null }

export const mediaOf = (value: unknown): MediaLike | null =>
  typeof value === 'object' && value !== null ? (value as MediaLike) : null

/** A callout's text is Markdown: its words without the link targets and markers. */
export const stripInlineMarkdown = (text: string) =>
  text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s{0,3}(?:>|#{1,6})\s?/gm, '')
