/**
 * The seed's docs pages are written as small Markdown files (src/seed/docs/pages) and turned
 * into Lexical JSON here, with three block fences:
 *
 *   :::code Optional title         a code group: one fenced snippet (```python … ```) per tab
 *   :::note|tip|warning Title      a callout; the lines up to `:::` are its text
 *   :::live webhook-events         live data rendered by the portal (see LiveDataBlock)
 *
 * Otherwise: `## ` and `### ` headings, paragraphs, `- ` and `1. ` lists, and inline `code`,
 * **bold** and [links](/path).
 */
type Node = Record<string, unknown>

const TEXT_FORMAT = { bold: 1, code: 16 } as const

const element = (type: string, children: Node[], extra: Node = {}): Node => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

const text = (value: string, format = 0): Node => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})

/** Inline markup: `code`, **bold** and [label](url). */
export function inline(source: string): Node[] {
  const nodes: Node[] = []
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
  let last = 0
  for (const match of source.matchAll(pattern)) {
    if (match.index > last) nodes.push(text(source.slice(last, match.index)))
    if (match[1] !== undefined) nodes.push(text(match[1], TEXT_FORMAT.code))
    else if (match[2] !== undefined) nodes.push(text(match[2], TEXT_FORMAT.bold))
    else {
      nodes.push(
        element('link', [text(match[3])], {
          version: 3,
          fields: { url: match[4], newTab: false, linkType: 'custom' },
        }),
      )
    }
    last = match.index + match[0].length
  }
  if (last < source.length) nodes.push(text(source.slice(last)))
  return nodes
}

let blockCounter = 0
const blockId = () => `seed${(blockCounter++).toString(16).padStart(20, '0')}`

const block = (fields: Node): Node => ({
  type: 'block',
  version: 2,
  format: '',
  fields: { id: blockId(), blockName: '', ...fields },
})

function codeGroup(title: string, lines: string[]): Node {
  const snippets: { id: string; language: string; code: string }[] = []
  let current: { id: string; language: string; code: string } | null = null
  for (const line of lines) {
    const start = line.match(/^```(\w+)$/)
    if (!current && start) {
      current = { id: blockId(), language: start[1], code: '' }
    } else if (current && line === '```') {
      snippets.push(current)
      current = null
    } else if (current) {
      current.code += (current.code ? '\n' : '') + line
    } else if (line.trim() !== '') {
      throw new Error(`code group "${title}": text outside a fenced snippet`)
    }
  }
  if (current || snippets.length === 0) throw new Error(`code group "${title}": unclosed or empty`)
  return block({ blockType: 'codeGroup', title: title || null, snippets })
}

/** Converts one seed page's Markdown to a Lexical editor state. */
export function markdownToLexical(markdown: string): { root: Node } {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n')
  const children: Node[] = []
  let paragraph: string[] = []
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null
  const flush = () => {
    if (paragraph.length > 0) {
      children.push(element('paragraph', inline(paragraph.join(' ')), { textFormat: 0 }))
      paragraph = []
    }
    if (list) {
      const items = list.items.map((item, index) =>
        element('listitem', inline(item), { value: index + 1 }),
      )
      children.push(
        element('list', items, {
          listType: list.tag === 'ul' ? 'bullet' : 'number',
          start: 1,
          tag: list.tag,
        }),
      )
      list = null
    }
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const fence = line.match(/^:::(code|note|tip|warning|live)\s*(.*)$/)
    if (fence) {
      flush()
      const body: string[] = []
      if (fence[1] !== 'live') {
        while (index + 1 < lines.length && lines[index + 1] !== ':::') body.push(lines[++index])
        if (index + 1 >= lines.length) throw new Error(`unclosed :::${fence[1]} fence`)
        index++
      }
      const title = fence[2].trim()
      if (fence[1] === 'code') children.push(codeGroup(title, body))
      else if (fence[1] === 'live') children.push(block({ blockType: 'liveData', source: title }))
      else {
        children.push(
          block({
            blockType: 'callout',
            kind: fence[1],
            title: title || null,
            text: body.join(' ').trim(),
          }),
        )
      }
      continue
    }
    const heading = line.match(/^(#{2,3}) (.+)$/)
    const bullet = line.match(/^- (.+)$/)
    const numbered = line.match(/^\d+\. (.+)$/)
    if (heading) {
      flush()
      children.push(element('heading', inline(heading[2]), { tag: `h${heading[1].length}` }))
    } else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol'
      if (paragraph.length > 0 || (list && list.tag !== tag)) flush()
      list ??= { tag, items: [] }
      list.items.push((bullet ?? numbered)![1])
    } else if (line.trim() === '') {
      flush()
    } else if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`
    } else {
      if (list) flush()
      paragraph.push(line.trim())
    }
  }
  flush()
  return { root: element('root', children) }
}

/** Front matter (`key: value` lines between `---` fences) and the Markdown after it. */
export function parsePage(source: string): { meta: Record<string, string>; body: string } {
  const match = source.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/)
  if (!match) throw new Error('a docs seed page starts with front matter')
  const meta = Object.fromEntries(
    match[1].split('\n').map((line) => {
      const at = line.indexOf(':')
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()]
    }),
  )
  return { meta, body: match[2] }
}
