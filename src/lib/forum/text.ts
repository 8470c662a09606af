/**
 * What the forum reads out of a post's Markdown: mentions, links and images (the new-member
 * limits count them), a plain excerpt for lists and a URL slug for titles. Code spans and fenced
 * code are skipped, so `@decorator` in a snippet mentions nobody.
 */
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const USERNAME = /(?<![\w@/.])@([a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9]))(?![\w-])/g

/** The Markdown without fenced and inline code. */
export function withoutCode(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, '')
    .replace(/(`+)[\s\S]*?\1/g, '')
}

/** Usernames mentioned as `@name` (lower-case, unique, in order). */
export function mentionsIn(markdown: string): string[] {
  const names = [...withoutCode(markdown).toLowerCase().matchAll(USERNAME)].map((m) => m[1])
  return [...new Set(names)]
}

type MdNode = {
  type: string
  value?: string
  url?: string
  identifier?: string
  children?: MdNode[]
}

const parser = unified().use(remarkParse).use(remarkGfm)

/**
 * Links, images and mentioned names of a post, counted from the Markdown tree the shared
 * renderer draws (the same parser and GFM plugin): inline links, bare URLs and autolinks,
 * reference links and images whose definition exists, whatever their URL spelling
 * (`//host`, `https&#58;//host`); code is no link and mentions nobody.
 */
export function countLinks(markdown: string): { links: number; images: number; mentions: number } {
  const tree = parser.parse(markdown) as MdNode
  const definitions = new Set<string>()
  const collect = (node: MdNode) => {
    if (node.type === 'definition' && node.identifier) definitions.add(node.identifier)
    node.children?.forEach(collect)
  }
  collect(tree)
  let links = 0
  let images = 0
  const names = new Set<string>()
  const walk = (node: MdNode) => {
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'html':
        return
      case 'link':
        links++
        break
      case 'linkReference':
        if (node.identifier && definitions.has(node.identifier)) links++
        break
      case 'image':
        images++
        break
      case 'imageReference':
        if (node.identifier && definitions.has(node.identifier)) images++
        break
      case 'text':
        for (const match of (node.value ?? '').toLowerCase().matchAll(USERNAME)) names.add(match[1])
        break
    }
    node.children?.forEach(walk)
  }
  walk(tree)
  for (const name of mentionsIn(markdown)) names.add(name)
  return { links, images, mentions: names.size }
}

/** Turns `@name` of existing members into profile links (code left alone). */
export function linkMentions(markdown: string, known: ReadonlySet<string>): string {
  if (known.size === 0) return markdown
  const parts = markdown.split(
    /(^(?:```|~~~)[^\n]*\n[\s\S]*?(?:^(?:```|~~~)[^\n]*$|(?![\s\S]))|`+[^`]*`+)/m,
  )
  return parts
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(USERNAME, (match, name: string) =>
            known.has(name.toLowerCase()) ? `[@${name}](/u/${name.toLowerCase()})` : match,
          ),
    )
    .join('')
}

/** A plain-text excerpt of Markdown (for lists, notifications and meta descriptions). */
export function excerpt(markdown: string, max = 180): string {
  const plain = withoutCode(markdown)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^>.*$/gm, '')
    .replace(/[#*_~>|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain
}

/** A URL slug for a title: lower-case ASCII words joined by dashes, at most 80 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug || 'discussion'
}

/** A tag name as stored: lower-case letters, digits and dashes, 2 to 30 characters. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,28}[a-z0-9]$/

export function normalizeTag(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
}

/** A quote of a post as Markdown, for quote-replies. */
export function quoteOf(username: string, markdown: string): string {
  const lines = markdown.trim().split('\n').slice(0, 12)
  return `> @${username} wrote:\n${lines.map((line) => `> ${line}`).join('\n')}\n\n`
}
