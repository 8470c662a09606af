import { liveDataText } from './liveData'
import { BLOCK_NODES, mediaOf, stripInlineMarkdown, type LexicalNode } from './nodes'

/**
 * Characters a page's text never keeps: the private-use pair that marks search highlights
 * (src/lib/docs/search.ts), so a page cannot fake a highlight, and zero-width spaces.
 */
const RESERVED = /[\uE000\uE001\u200B]/g

/** The words of a block (collections/DocsPages/blocks.ts). */
function blockText(fields: Record<string, unknown>): string {
  switch (fields.blockType) {
    case 'codeGroup': {
      const snippets = Array.isArray(fields.snippets) ? fields.snippets : []
      return [fields.title, ...snippets.map((snippet) => (snippet as { code?: unknown }).code)]
        .filter((part): part is string => typeof part === 'string' && part !== '')
        .join('\n')
    }
    case 'callout':
      return [fields.title, stripInlineMarkdown(String(fields.text ?? ''))]
        .filter((part) => typeof part === 'string' && part !== '')
        .join('\n')
    case 'docImage':
      return [mediaOf(fields.image)?.alt, fields.caption]
        .filter((part) => typeof part === 'string' && part !== '')
        .join('\n')
    case 'liveData':
      return liveDataText(String(fields.source ?? ''))
    default:
      return ''
  }
}

function nodeText(node: LexicalNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? ''
    case 'linebreak':
      return '\n'
    case 'tab':
      return ' '
    case 'block':
    case 'inlineBlock':
      return blockText(node.fields ?? {})
    case 'upload':
      return mediaOf(node.value)?.alt ?? ''
    default:
      return (node.children ?? [])
        .map((child) =>
          BLOCK_NODES.has(child.type ?? '') ? `\n${nodeText(child)}\n` : nodeText(child),
        )
        .join('')
  }
}

/**
 * The plain text of Lexical nodes — paragraphs, headings, lists, links, quotes and the docs'
 * blocks (code, callouts, image captions, live data) — one block per line, for search.
 */
export function plainText(nodes: LexicalNode[]): string {
  return nodes
    .map(nodeText)
    .join('\n')
    .replace(RESERVED, '')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim()
}
