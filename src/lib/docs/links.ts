/**
 * Links in docs pages (Lexical link and autolink nodes, and Markdown in callouts) may go to
 * web pages, mail addresses or this site; a script URL (`javascript:`, `data:`, `vbscript:` …)
 * is refused when the page is saved and never rendered as a link.
 */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:'])

export function isSafeHref(url: string | null | undefined): boolean {
  if (!url) return false
  // Browsers ignore tabs, newlines and leading spaces or controls in a scheme: so must we.
  const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '')
  if (/^[/?#]/.test(cleaned) && !cleaned.startsWith('//')) return true
  if (cleaned.startsWith('//')) return true
  const scheme = cleaned.match(/^([a-z][a-z0-9+.-]*):/i)
  // No scheme: a relative path such as "quickstart" or "../keys".
  if (!scheme) return true
  return SAFE_PROTOCOLS.has(`${scheme[1].toLowerCase()}:`)
}

type LexicalNode = {
  type?: string
  children?: LexicalNode[]
  fields?: { url?: string | null; linkType?: string }
}

/** The URLs of custom links in a Lexical state that are not safe, in document order. */
export function unsafeLinks(state: unknown): string[] {
  const found: string[] = []
  const walk = (node: LexicalNode | undefined) => {
    if (!node || typeof node !== 'object') return
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      node.fields?.linkType !== 'internal' &&
      node.fields?.url &&
      !isSafeHref(node.fields.url)
    ) {
      found.push(String(node.fields?.url ?? ''))
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk((state as { root?: LexicalNode } | null)?.root)
  return found
}
