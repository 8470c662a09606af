import { liveDataMarkdown } from './liveData'
import { hasFormat, mediaOf, TEXT_FORMAT, type LexicalNode } from './nodes'
import { DOCS_SECTIONS, docsPath } from './sections'

/**
 * Lexical → Markdown for the node types docs pages use (paragraph, heading, list/listitem,
 * link, text with bold/italic/strikethrough/code, quote, line break, rule, upload) and the
 * docs' blocks: a code group becomes one fenced block per language, a callout a blockquote
 * under its title, an image `![alt](url)` with its caption, live data the registry's content.
 * `baseUrl` makes site-relative links and images absolute ('' leaves them relative).
 */
export type MarkdownOptions = { baseUrl: string }

const CALLOUT_LABELS: Record<string, string> = { note: 'Note', tip: 'Tip', warning: 'Warning' }

/** Characters that would start markup inside a line (`_` only where it can, not in `tt_live_`). */
const escapeInline = (text: string) =>
  text
    .replace(/[\\`*[\]~]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')

/** Lines that would read as a heading, quote, list item or rule keep their first character. */
const escapeLineStart = (text: string) =>
  text
    .replace(/^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|=+\s*$)/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2')

/** A run of `tick` long enough for the text it fences. */
const fenceFor = (text: string, tick: string, min: number) => {
  const longest = Math.max(
    0,
    ...(text.match(new RegExp(`${tick}+`, 'g')) ?? []).map((r) => r.length),
  )
  return tick.repeat(Math.max(min, longest + 1))
}

function codeSpan(text: string): string {
  const fence = fenceFor(text, '`', 1)
  const isPadded = text.startsWith(' ') && text.endsWith(' ') && text.trim() !== ''
  const pad = text.startsWith('`') || text.endsWith('`') || isPadded ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** Wraps text in an emphasis marker, leaving its outer spaces outside (`** a**` is no bold). */
function wrap(text: string, marker: string): string {
  const match = text.match(/^(\s*)([\s\S]*?)(\s*)$/)!
  return match[2] ? `${match[1]}${marker}${match[2]}${marker}${match[3]}` : text
}

const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#)/i

/** A link or image target: site-relative ones made absolute; other schemes refused. */
function target(url: unknown, options: MarkdownOptions): string | null {
  if (typeof url !== 'string' || !SAFE_URL.test(url.trim())) return null
  const trimmed = url.trim()
  const absolute = trimmed.startsWith('/') ? `${options.baseUrl}${trimmed}` : trimmed
  return absolute.replace(/[\s()<>]/g, (char) => encodeURIComponent(char))
}

function linkTarget(node: LexicalNode, options: MarkdownOptions): string | null {
  const fields = node.fields ?? {}
  const doc = fields.doc as { relationTo?: string; value?: unknown } | undefined
  if (fields.linkType === 'internal' && doc?.relationTo === 'docs-pages') {
    const page = doc.value as { section?: string; slug?: string } | null
    if (page?.section && page.slug) return target(docsPath(page as never), options)
  }
  return target(fields.url, options)
}

function inline(nodes: LexicalNode[] = [], options: MarkdownOptions): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text': {
          const text = node.text ?? ''
          if (hasFormat(node, TEXT_FORMAT.code)) {
            const code = codeSpan(text)
            return hasFormat(node, TEXT_FORMAT.bold) ? `**${code}**` : code
          }
          let out = escapeInline(text)
          if (hasFormat(node, TEXT_FORMAT.strikethrough)) out = wrap(out, '~~')
          if (hasFormat(node, TEXT_FORMAT.italic)) out = wrap(out, '*')
          if (hasFormat(node, TEXT_FORMAT.bold)) out = wrap(out, '**')
          return out
        }
        case 'linebreak':
          return '\\\n'
        case 'tab':
          return ' '
        case 'link':
        case 'autolink': {
          const label = inline(node.children, options)
          const href = linkTarget(node, options)
          return href ? `[${label}](${href})` : label
        }
        default:
          return inline(node.children, options)
      }
    })
    .join('')
}

const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((line) => (line ? `${prefix}${line}` : prefix.trimEnd()))
    .join('\n')

function list(node: LexicalNode, options: MarkdownOptions): string {
  let number = node.start ?? 1
  const items: string[] = []
  for (const item of node.children ?? []) {
    const nested = (item.children ?? []).filter((child) => child.type === 'list')
    const own = (item.children ?? []).filter((child) => child.type !== 'list')
    const sublists = nested.map((child) => indent(list(child, options), '    ')).join('\n')
    // Lexical nests a list in an item of its own, right after the item it belongs to.
    if (own.length === 0) {
      if (sublists) items.push(sublists)
      continue
    }
    const marker =
      node.listType === 'number'
        ? `${number++}.`
        : node.listType === 'check'
          ? `- [${item.checked ? 'x' : ' '}]`
          : '-'
    const text = escapeLineStart(inline(own, options)).replace(/\n/g, '\n    ')
    items.push(sublists ? `${marker} ${text}\n${sublists}` : `${marker} ${text}`)
  }
  return items.join('\n')
}

function block(fields: Record<string, unknown>, options: MarkdownOptions): string {
  switch (fields.blockType) {
    case 'codeGroup': {
      const snippets = (Array.isArray(fields.snippets) ? fields.snippets : []) as {
        language?: string
        code?: string
      }[]
      const fences = snippets.map(({ language, code = '' }) => {
        const fence = fenceFor(code, '`', 3)
        return `${fence}${language ?? ''}\n${code}\n${fence}`
      })
      const title = typeof fields.title === 'string' && fields.title ? fields.title : null
      return [title ? `**${escapeInline(title)}**` : '', ...fences].filter(Boolean).join('\n\n')
    }
    case 'callout': {
      const kind = CALLOUT_LABELS[String(fields.kind)] ?? 'Note'
      const title = typeof fields.title === 'string' && fields.title ? fields.title : kind
      const text = String(fields.text ?? '').replace(
        /\]\((\/(?!\/)[^)]*)\)/g,
        (_, path: string) => `](${options.baseUrl}${path})`,
      )
      return indent(`**${escapeInline(title)}**\n\n${text}`, '> ')
    }
    case 'docImage': {
      const media = mediaOf(fields.image)
      const src = target(media?.url, options)
      const caption = typeof fields.caption === 'string' && fields.caption ? fields.caption : null
      return [
        src ? `![${escapeInline(media?.alt ?? '')}](${src})` : '',
        caption ? `*${escapeInline(caption)}*` : '',
      ]
        .filter(Boolean)
        .join('\n\n')
    }
    case 'liveData':
      return liveDataMarkdown(String(fields.source ?? ''))
    default:
      return ''
  }
}

function blockMarkdown(node: LexicalNode, options: MarkdownOptions): string {
  switch (node.type) {
    case 'heading': {
      const level = Math.max(2, Number(node.tag?.slice(1)) || 2)
      return `${'#'.repeat(level)} ${inline(node.children, options)}`
    }
    case 'quote':
      return indent(escapeLineStart(inline(node.children, options)), '> ')
    case 'list':
      return list(node, options)
    case 'horizontalrule':
      return '---'
    case 'block':
      return block(node.fields ?? {}, options)
    case 'upload': {
      const media = mediaOf(node.value)
      const src = media?.mimeType?.startsWith('image/') ? target(media.url, options) : null
      return src ? `![${escapeInline(media?.alt ?? '')}](${src})` : ''
    }
    default:
      return escapeLineStart(inline(node.children, options))
  }
}

/** Lexical block nodes as Markdown, blocks separated by a blank line. */
export function toMarkdown(nodes: LexicalNode[], options: MarkdownOptions): string {
  return nodes
    .map((node) => blockMarkdown(node, options).trimEnd())
    .filter((text) => text.trim() !== '')
    .join('\n\n')
}

export type MarkdownPage = {
  title: string
  summary: string
  section: string
  slug: string
  body: unknown
  lastUpdated?: string | null
}

/** A whole page: its title, summary and body; what `/docs/<section>/<slug>.md` serves. */
export function pageMarkdown(page: MarkdownPage, options: MarkdownOptions): string {
  const body = (page.body as { root?: LexicalNode } | null)?.root?.children ?? []
  return [
    `# ${escapeInline(page.title)}`,
    `> ${escapeInline(oneLine(page.summary))}`,
    toMarkdown(body, options),
    page.lastUpdated ? `*Last updated ${page.lastUpdated.slice(0, 10)}.*` : '',
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n')
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * `/llms.txt` (llmstxt.org): the site's name, a summary, then each section's pages as links to
 * their Markdown with their summaries.
 */
export function llmsTxt(
  pages: Pick<MarkdownPage, 'title' | 'summary' | 'section' | 'slug'>[],
  baseUrl: string,
): string {
  const sections = DOCS_SECTIONS.map((section) => {
    const links = pages
      .filter((page) => page.section === section.value)
      .map(
        (page) =>
          `- [${escapeInline(oneLine(page.title))}](${baseUrl}${docsPath(page)}.md): ${oneLine(page.summary)}`,
      )
    return links.length > 0 ? `## ${section.label}\n\n${links.join('\n')}` : ''
  }).filter(Boolean)
  return [
    '# TuneTrail',
    '> TuneTrail is a music-ML API: tracks, recommendations, audio processing and machine-learning models, called with API keys. These are its developer docs: keys, rate limits, errors, the API, models, SDKs, tutorials, best practices and webhooks.',
    `Every page below is Markdown (the page's URL plus \`.md\`). The API itself is described by an OpenAPI 3.1 document at ${baseUrl}/api/openapi.json.`,
    ...sections,
  ]
    .join('\n\n')
    .concat('\n')
}

/** A Markdown answer (UTF-8), or a plain 404 when there is nothing to serve. */
export function markdownResponse(
  text: string | null,
  type: 'text/markdown' | 'text/plain' = 'text/markdown',
): Response {
  if (text === null) {
    return new Response('Not found.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return new Response(text, {
    headers: { 'Content-Type': `${type}; charset=utf-8`, 'X-Robots-Tag': 'noindex' },
  })
}
