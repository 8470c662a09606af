import { refractor } from 'refractor'
import http from 'refractor/http'

refractor.register(http)

type HastNode =
  | { type: 'text'; value: string }
  | {
      type: 'element'
      tagName: string
      properties?: { className?: string[] }
      children: HastNode[]
    }
  | { type: 'root'; children: HastNode[] }

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function toHtml(node: HastNode): string {
  if (node.type === 'text') return escapeHtml(node.value)
  const inner = node.children.map(toHtml).join('')
  if (node.type === 'root') return inner
  const classes = node.properties?.className ?? []
  return `<span class="${escapeHtml(classes.join(' '))}">${inner}</span>`
}

/**
 * A snippet highlighted by Prism (refractor) as an HTML string: escaped text in `<span
 * class="token …">` elements, nothing else. One string per snippet keeps the page's RSC payload
 * small (an element tree of tokens is several times larger). Unknown languages come out plain.
 */
export function highlightToHtml(code: string, language: string): string {
  if (!refractor.registered(language)) return escapeHtml(code)
  return toHtml(refractor.highlight(code, language) as unknown as HastNode)
}
