/**
 * Markdown written by users, safe to render anywhere (server or client; no hooks).
 *
 * Allows CommonMark + GFM (tables, task lists, strikethrough, autolinks, footnotes). Raw HTML is
 * dropped, never shown as text (`skipHtml`). The rest passes rehype-sanitize's GitHub schema (ids
 * get a `user-content-` prefix; URLs keep to http(s) and mailto — every other scheme, `javascript:`,
 * `data:`, `vbscript:`, `irc:` alike, is blanked first), then Prism highlights code, and each code
 * block gets a copy button.
 * Headings drop a level (no h1); links are rel="nofollow ugc noopener" and open other hosts in a
 * new tab; images load lazily, always have an alt and never take a size from the author.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { ComponentProps, ReactElement } from 'react'
import ReactMarkdown, { type Components, type ExtraProps, type Options } from 'react-markdown'
import rehypePrism from 'rehype-prism-plus/common'
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize'
import remarkGfm from 'remark-gfm'

import { cn } from '@/lib/cn'

import { CopyCode } from './CopyCode.client'

const PREFIX = 'user-content-'

// Sanitising runs before Prism, so highlighting never needs this; it only spells out the classes
// code and spans may carry (language-*, Prism's tokens) should anything upstream add them.
const schema: Schema = {
  ...defaultSchema,
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'code-highlight']],
    span: [['className', 'token', 'code-line', /^[a-z][a-z-]*$/]],
  },
}

/** Relative URLs, and absolute ones only with http(s) or mailto (the image's src: http(s)). */
export function safeUrl(url: string, key?: string): string {
  const value = url.trim()
  const colon = value.indexOf(':')
  const firstOf = (char: string) => (value.includes(char) ? value.indexOf(char) : Infinity)
  const isRelative = colon === -1 || colon > Math.min(firstOf('/'), firstOf('?'), firstOf('#'))
  if (isRelative) return value
  const scheme = value.slice(0, colon).toLowerCase()
  const allowed = key === 'src' ? ['http', 'https'] : ['http', 'https', 'mailto']
  return allowed.includes(scheme) ? value : ''
}

const textOf = (node: ElementContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : ''

/** GitHub-style slugs on headings, unique per document; rehype-sanitize then prefixes them. */
function rehypeHeadingIds() {
  return (tree: Root) => {
    const seen = new Map<string, number>()
    const walk = (parent: Root | Element) => {
      for (const node of parent.children) {
        if (node.type !== 'element') continue
        if (!/^h[1-6]$/.test(node.tagName)) walk(node)
        if (!/^h[1-6]$/.test(node.tagName) || node.properties.id) continue
        const slug = textOf(node)
          .toLowerCase()
          .trim()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-')
        if (!slug) continue
        const count = seen.get(slug) ?? 0
        seen.set(slug, count + 1)
        node.properties.id = count ? `${slug}-${count}` : slug
      }
    }
    walk(tree)
  }
}

/** Absolute (or protocol-relative) http(s) links to a host other than this portal's. */
function isOtherHost(href: string): boolean {
  if (!/^(https?:)?\/\//i.test(href)) return false
  const site = process.env.SERVER_URL
  try {
    return !site || new URL(href, site).host !== new URL(site).host
  } catch {
    return true // an address that does not parse is not this portal's
  }
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6'
const demoted = (Tag: HeadingTag) =>
  function Heading({ node: _node, ...props }: ComponentProps<HeadingTag> & ExtraProps) {
    return <Tag {...props} />
  }

const components: Components = {
  h1: demoted('h2'),
  h2: demoted('h3'),
  h3: demoted('h4'),
  h4: demoted('h5'),
  h5: demoted('h6'),
  h6: demoted('h6'),
  a: ({ node: _node, href, className, ...props }) => {
    // In-page links (#section, footnotes) point at the prefixed ids sanitising gave the targets.
    const inPage = href?.startsWith('#') && !href.startsWith(`#${PREFIX}`)
    return (
      <a
        {...props}
        href={inPage ? `#${PREFIX}${href!.slice(1)}` : href || undefined}
        rel="nofollow ugc noopener"
        target={href && isOtherHost(href) ? '_blank' : undefined}
        className={cn('text-primary underline underline-offset-2', className)}
      />
    )
  },
  img: ({ src, alt, title }) =>
    src ? (
      // User images come from any host, which next/image would have to allow-list.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={src}
        alt={alt ?? ''}
        title={title}
        loading="lazy"
        decoding="async"
        className="inline-block h-auto max-w-full"
      />
    ) : (
      alt || null
    ),
  input: ({ node: _node, ...props }) => (
    <input {...props} aria-label={props.checked ? 'Done' : 'To do'} className="mr-1.5" />
  ),
  pre: ({ node: _node, className, ...props }) => (
    <div className="relative">
      <pre
        {...props}
        className={cn(
          'overflow-x-auto rounded-md border border-border bg-muted p-4 pr-16 text-sm leading-6',
          className,
        )}
      />
      <CopyCode />
    </div>
  ),
  table: ({ node: _node, className, ...props }) => (
    <div className="max-w-full overflow-x-auto">
      <table {...props} className={cn('min-w-full border-collapse text-sm', className)} />
    </div>
  ),
}

const look = [
  'markdown-body min-w-0 max-w-full space-y-4 leading-7 break-words [&_hr]:border-border',
  '[&_h2]:text-xl [&_h3]:text-lg [&_:is(h5,h6)]:text-sm [&_:is(h2,h3,h4,h5,h6)]:font-semibold',
  '[&_:is(h2,h3,h4,h5,h6)]:mt-6 [&_:is(h2,h3,h4,h5,h6)]:mb-2 [&_li]:my-1 [&_li>:is(ul,ol)]:mt-1',
  '[&_ul]:list-disc [&_ol]:list-decimal [&_:is(ul,ol)]:pl-6',
  '[&_.contains-task-list]:list-none [&_.contains-task-list]:pl-1',
  '[&_blockquote]:border-l-4 [&_blockquote]:pl-4 [&_blockquote]:text-muted-foreground',
  '[&_:is(th,td)]:border [&_:is(th,td)]:px-3 [&_:is(th,td)]:py-2',
  '[&_:is(th,td,blockquote)]:border-border',
  '[&_th]:bg-muted [&_th]:font-semibold [&_th]:text-left',
  '[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-muted [&_:not(pre)>code]:px-1.5',
  '[&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:text-[0.875em]',
]

const options = {
  skipHtml: true,
  urlTransform: safeUrl,
  remarkPlugins: [remarkGfm],
  // Ids come out unprefixed so that rehype-sanitize prefixes each exactly once.
  remarkRehypeOptions: { clobberPrefix: '' },
  rehypePlugins: [
    rehypeHeadingIds,
    [rehypeSanitize, schema],
    [rehypePrism, { ignoreMissing: true }],
  ],
  components,
} satisfies Omit<Options, 'children'>

/**
 * The rendered tree of `source` (parsed, sanitised, highlighted — the costly part) as React
 * elements, which may be kept and rendered again (src/app/(portal)/community caches them).
 */
export function markdownTree(source: string): ReactElement {
  return <div className={cn(look)}>{ReactMarkdown({ ...options, children: source })}</div>
}

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn(look, className)}>
      <ReactMarkdown {...options}>{children}</ReactMarkdown>
    </div>
  )
}
