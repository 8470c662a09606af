import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { RichText, type JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'
import type { ReactNode } from 'react'

import { isSafeHref } from '@/lib/docs/links'
import { docsPath } from '@/lib/docs/sections'
import { slugify, textOf } from '@/lib/docs/toc'
import type {
  CalloutBlock,
  CodeGroupBlock,
  DocImageBlock,
  LiveDataBlock,
  Media,
} from '@/payload-types'

import { Markdown } from '@/components/Markdown'

import { CodeGroup } from './CodeGroup.client'
import { codeTabs } from './CodeSample'
import { LiveData } from './LiveData'

const CALLOUT_LOOK = {
  note: { label: 'Note', className: 'border-primary bg-muted' },
  tip: { label: 'Tip', className: 'border-success bg-success-soft' },
  warning: { label: 'Warning', className: 'border-warning bg-warning-soft' },
} as const

/** A note, tip or warning; its text is Markdown (links, `code`, emphasis), sanitised. */
export function Callout({ kind, title, text }: CalloutBlock) {
  const look = CALLOUT_LOOK[kind]
  return (
    <aside
      aria-label={title ?? look.label}
      className={`rounded-md border-l-4 p-4 ${look.className}`}
    >
      <p className="font-semibold">{title ?? look.label}</p>
      <Markdown>{text}</Markdown>
    </aside>
  )
}

function DocImage({ image, caption }: DocImageBlock) {
  const media = typeof image === 'object' ? (image as Media) : null
  if (!media?.url) return null
  return (
    <figure className="space-y-2">
      {/* Uploads are served by Payload, sized by the author: next/image adds nothing here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={media.url}
        alt={media.alt ?? ''}
        width={media.width ?? undefined}
        height={media.height ?? undefined}
        loading="lazy"
        className="h-auto max-w-full rounded-md border border-border"
      />
      {caption && <figcaption className="text-sm text-muted-foreground">{caption}</figcaption>}
    </figure>
  )
}

type InternalDoc = { relationTo?: string; value?: unknown } | null

/** An internal link's address: docs pages link to their page; other collections have none. */
function internalHref(doc: InternalDoc | undefined): string | null {
  const value = doc?.value as { section?: unknown; slug?: unknown } | undefined
  if (doc?.relationTo !== 'docs-pages' || typeof value !== 'object' || value === null) return null
  const { section, slug } = value
  return typeof section === 'string' && typeof slug === 'string'
    ? docsPath({ section, slug })
    : null
}

function SafeLink({
  url,
  newTab,
  linkType,
  doc,
  children,
}: {
  url?: string | null
  newTab?: boolean | null
  linkType?: string | null
  doc?: InternalDoc
  children: ReactNode
}) {
  const href = linkType === 'internal' ? internalHref(doc) : isSafeHref(url) ? url : null
  if (!href) return <>{children}</>
  return (
    <a href={href} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  )
}

/** Converters for the docs' blocks, and headings with the ids the table of contents links to. */
const converters = (): JSXConvertersFunction => {
  const seen = new Map<string, number>()
  return ({ defaultConverters }) => ({
    ...defaultConverters,
    // Saving refuses script URLs (collections/DocsPages/hooks/safeLinks.ts); older content
    // still never renders one as a link. Internal links go to the docs page they name.
    link: ({ node, nodesToJSX }) => (
      <SafeLink {...node.fields}>{nodesToJSX({ nodes: node.children })}</SafeLink>
    ),
    autolink: ({ node, nodesToJSX }) => (
      <SafeLink {...node.fields}>{nodesToJSX({ nodes: node.children })}</SafeLink>
    ),
    heading: ({ node, nodesToJSX }) => {
      const children: ReactNode = nodesToJSX({ nodes: node.children })
      if (node.tag !== 'h2' && node.tag !== 'h3') {
        const Tag = node.tag === 'h1' ? 'h2' : node.tag
        return <Tag>{children}</Tag>
      }
      const base = slugify(textOf(node)) || 'section'
      const count = seen.get(base) ?? 0
      seen.set(base, count + 1)
      const Tag = node.tag
      return (
        <Tag id={count ? `${base}-${count}` : base} className="scroll-mt-20">
          {children}
        </Tag>
      )
    },
    blocks: {
      codeGroup: ({ node }: { node: { fields: CodeGroupBlock } }) => (
        <CodeGroup title={node.fields.title ?? null} tabs={codeTabs(node.fields.snippets)} />
      ),
      callout: ({ node }: { node: { fields: CalloutBlock } }) => <Callout {...node.fields} />,
      docImage: ({ node }: { node: { fields: DocImageBlock } }) => <DocImage {...node.fields} />,
      liveData: ({ node }: { node: { fields: LiveDataBlock } }) => (
        <LiveData source={node.fields.source} />
      ),
    },
  })
}

const look = [
  'min-w-0 max-w-full space-y-4 leading-7 break-words',
  '[&_h2]:mt-10 [&_h2]:text-2xl [&_h3]:mt-6 [&_h3]:text-lg [&_:is(h2,h3,h4)]:font-semibold',
  '[&_ul]:list-disc [&_ol]:list-decimal [&_:is(ul,ol)]:pl-6 [&_li]:my-1',
  '[&_a]:text-primary [&_a]:underline [&_a]:underline-offset-2',
  '[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-muted [&_:not(pre)>code]:px-1.5',
  '[&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:text-[0.875em]',
].join(' ')

/** A docs page's body: Lexical rendered on the server, code groups hydrated for tabs and copy. */
export function DocsBody({ body }: { body: SerializedEditorState }) {
  return <RichText data={body} converters={converters()} className={look} />
}
