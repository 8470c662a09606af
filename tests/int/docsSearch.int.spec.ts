import type * as NextCacheModule from 'next/cache'
import type { Payload } from 'payload'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { GET as llmsRoute } from '@/app/(docs)/docs/llms/[file]/route'
import { GET as markdownRoute } from '@/app/(docs)/docs/md/[section]/[slug]/route'
import { SearchSnippet } from '@/components/SearchSnippet'
import { searchPortal } from '@/data/search'
import { db } from '@/lib/db'
import { serverUrl } from '@/lib/defaults'
import { llmsTxt, pageMarkdown, toMarkdown } from '@/lib/docs/markdown'
import type { LexicalNode } from '@/lib/docs/nodes'
import { plainText } from '@/lib/docs/plainText'
import { searchDocsPages, searchDocsPassages } from '@/lib/docs/search'
import { passagesOf, reindexAllDocsPages } from '@/lib/docs/searchIndex'
import { snippetParts } from '@/lib/docs/snippet'
import { tableOfContents } from '@/lib/docs/toc'
import { isStaticPagePath } from '@/lib/net/securityHeaders'
import type { DocsPage } from '@/payload-types'
import { seedDocs } from '@/seed/docs'
import { markdownToLexical } from '@/seed/docs/lexical'

import { testPayload, unique } from '../helpers/payload'

type NextCache = typeof NextCacheModule

// Outside Next there is no data cache: the docs' cached reads run as they are.
vi.mock('next/cache', async (original) => ({
  ...(await original<NextCache>()),
  unstable_cache: (fn: unknown) => fn,
}))

const BASE = serverUrl()
let payload: Payload

beforeAll(async () => {
  payload = await testPayload()
  await seedDocs(payload)
})

const lexical = (markdown: string) => markdownToLexical(markdown) as unknown as DocsPage['body']

/** A made-up word that no other page holds, so a test's search finds its own pages only. */
const word = () =>
  `zq${unique('')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}`

async function makePage(
  status: 'draft' | 'published',
  fields: { title?: string; summary?: string; body?: string } = {},
) {
  return payload.create({
    collection: 'docs-pages',
    data: {
      title: fields.title ?? unique('Search test'),
      slug: unique('search').toLowerCase(),
      section: 'tutorials',
      order: 900,
      summary: fields.summary ?? 'A page made by the search tests.',
      body: lexical(fields.body ?? '## About\n\nNothing much.'),
      _status: status,
    },
    draft: status === 'draft',
    overrideAccess: true,
  })
}

const search = async (text: string) => searchDocsPages(await db({ payload }), text)
const hrefs = async (text: string) => (await search(text)).map((hit) => hit.href)
const passageHrefs = async (text: string) =>
  (await searchDocsPassages(await db({ payload }), text)).map((hit) => hit.href)

describe('plain text of a page', () => {
  it('reads every node type and block the docs use, without the highlight markers', () => {
    const body: LexicalNode[] = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Intro with ' },
          { type: 'text', text: 'code', format: 16 },
          { type: 'linebreak' },
          {
            type: 'link',
            fields: { url: '/x' },
            children: [{ type: 'text', text: 'a link\uE000fake\uE001' }],
          },
        ],
      },
      { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Heading words' }] },
      { type: 'quote', children: [{ type: 'text', text: 'Quoted words' }] },
      {
        type: 'list',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [{ type: 'text', text: 'First item' }] },
          {
            type: 'listitem',
            children: [
              {
                type: 'list',
                listType: 'number',
                children: [{ type: 'listitem', children: [{ type: 'text', text: 'Nested item' }] }],
              },
            ],
          },
        ],
      },
      {
        type: 'block',
        fields: {
          blockType: 'codeGroup',
          title: 'Group title',
          snippets: [
            { language: 'python', code: 'print("py")' },
            { language: 'bash', code: 'curl sh' },
          ],
        },
      },
      {
        type: 'block',
        fields: {
          blockType: 'callout',
          kind: 'tip',
          title: 'Callout title',
          text: 'See [the keys](/api-keys) **now**.',
        },
      },
      {
        type: 'block',
        fields: { blockType: 'docImage', image: 3, caption: 'A caption' },
      },
      { type: 'block', fields: { blockType: 'liveData', source: 'webhook-events' } },
    ]
    const text = plainText(body)
    for (const expected of [
      'Intro with code',
      'a linkfake',
      'Heading words',
      'Quoted words',
      'First item',
      'Nested item',
      'Group title',
      'print("py")',
      'curl sh',
      'Callout title',
      'See the keys now.',
      'A caption',
      'track.created: A track was added to the catalogue.',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toMatch(/[\uE000\uE001]/)
    expect(text).not.toContain('/api-keys')
  })

  it('splits a page into passages at its h2/h3 headings, with the ids the page renders', () => {
    const body = lexical(
      'Intro text.\n\n## Setup\n\nFirst.\n\n### Details\n\nMore.\n\n## Setup\n\nAgain.\n\n## Empty',
    ) as never
    const passages = passagesOf(body)
    expect(passages.map((p) => [p.anchor, p.heading, p.text])).toEqual([
      [null, '', 'Intro text.'],
      ['setup', 'Setup', 'First.'],
      ['details', 'Details', 'More.'],
      ['setup-1', 'Setup', 'Again.'],
    ])
    const ids = tableOfContents(body).map((entry) => entry.id)
    for (const passage of passages.slice(1)) expect(ids).toContain(passage.anchor)
  })
})

describe('docs search', () => {
  it('ranks the seeded pages: the best page for a query comes first', async () => {
    expect((await hrefs('rotate key'))[0]).toBe('/docs/best-practices/api-keys')
    expect((await hrefs('signature'))[0]).toBe('/docs/webhooks/verifying-webhooks')
    expect((await hrefs('rate limit'))[0]).toBe('/docs/getting-started/rate-limits')
    expect((await hrefs('retry backoff'))[0]).toBe('/docs/best-practices/retries')
    // While typing, the last word is a prefix.
    expect(await hrefs('rotat')).toContain('/docs/best-practices/api-keys')
    expect((await hrefs('verifying webh'))[0]).toBe('/docs/webhooks/verifying-webhooks')
  })

  it('weighs a word in the title above the summary above the body', async () => {
    const term = word()
    const inBody = await makePage('published', { body: `## Words\n\nThis is about ${term}.` })
    const inTitle = await makePage('published', { title: `All about ${term}` })
    const inSummary = await makePage('published', { summary: `Explains ${term} in short.` })
    expect(await hrefs(term)).toEqual(
      [inTitle, inSummary, inBody].map((page) => `/docs/${page.section}/${page.slug}`),
    )
  })

  it('highlights matches in the snippet and renders the page text escaped', async () => {
    const term = word()
    const page = await makePage('published', {
      body: `## Tags\n\nUse ${term} with <your-key> but never <img src=x onerror=alert(1)> & "quotes".`,
    })
    const [hit] = await search(term)
    expect(hit.href).toBe(`/docs/tutorials/${page.slug}`)
    expect(hit.snippet.filter((part) => part.isMatch).map((part) => part.text)).toEqual([term])
    const text = hit.snippet.map((part) => part.text).join('')
    expect(text).toContain('<your-key>')
    expect(text).toContain('<img src=x onerror=alert(1)>')
    const html = renderToStaticMarkup(createElement(SearchSnippet, { parts: hit.snippet }))
    expect(html).toContain(`>${term}</mark>`)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;your-key&gt;')
    expect(html).not.toMatch(/<img|<your-key/)
    expect(html.match(/<mark/g)).toHaveLength(1)
  })

  it('parses highlight markers and nothing else as marks', () => {
    expect(snippetParts('a \uE000b\uE001 c\u200B<d')).toEqual([
      { text: 'a ', isMatch: false },
      { text: 'b', isMatch: true },
      { text: ' c<d', isMatch: false },
    ])
    expect(snippetParts('<mark>x</mark>')).toEqual([{ text: '<mark>x</mark>', isMatch: false }])
  })

  it('never finds a draft’s text, and finds a publish’s new text without a rebuild', async () => {
    const draftOnly = word()
    const draft = await makePage('draft', {
      title: `Draft ${draftOnly}`,
      body: `## A\n\n${draftOnly}`,
    })
    expect(await hrefs(draftOnly)).toEqual([])
    expect(await passageHrefs(draftOnly)).toEqual([])
    expect(await searchPortal(null, draftOnly)).toEqual([])

    // A published page with a pending draft: the published text only.
    const before = word()
    const after = word()
    const page = await makePage('published', { body: `## Old\n\nOld text ${before}.` })
    const href = `/docs/tutorials/${page.slug}`
    await payload.update({
      collection: 'docs-pages',
      id: page.id,
      data: { body: lexical(`## New\n\nNew text ${after}.`), summary: `Draft summary ${after}` },
      draft: true,
      overrideAccess: true,
    })
    expect(await hrefs(before)).toEqual([href])
    expect(await hrefs(after)).toEqual([])
    expect(await passageHrefs(after)).toEqual([])

    // Publishing it: searchable at once, the old text gone.
    await payload.update({
      collection: 'docs-pages',
      id: page.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    expect(await hrefs(after)).toEqual([href])
    expect(await passageHrefs(after)).toEqual([`${href}#new`])
    expect(await hrefs(before)).toEqual([])
    expect((await searchPortal(null, after)).map((hit) => [hit.group, hit.href])).toEqual([
      ['Docs', href],
    ])

    // Unpublished or deleted: gone.
    await payload.update({
      collection: 'docs-pages',
      id: page.id,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    expect(await hrefs(after)).toEqual([])
    await payload.update({
      collection: 'docs-pages',
      id: draft.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    expect(await hrefs(draftOnly)).toEqual([`/docs/tutorials/${draft.slug}`])
    await payload.delete({ collection: 'docs-pages', id: draft.id, overrideAccess: true })
    expect(await hrefs(draftOnly)).toEqual([])
  })

  it('takes any text as words, never as SQL or query syntax', async () => {
    for (const text of [
      "'",
      '\\',
      'a & b | !c',
      '(((',
      '%',
      ':*',
      '"',
      '-',
      "'); DROP TABLE x;--",
    ]) {
      expect(Array.isArray(await search(text)), text).toBe(true)
      expect(Array.isArray(await passageHrefs(text)), text).toBe(true)
    }
    expect(await search('   ')).toEqual([])
  })

  it('rebuilds the whole index as the migration does, from what is published', async () => {
    const count = async () => {
      const { rows } = await (
        await db({ payload })
      ).query<{ n: number }>(`SELECT count(*)::int AS n FROM docs_search`)
      return rows[0].n
    }
    const published = (
      await payload.count({ collection: 'docs-pages', where: { _status: { equals: 'published' } } })
    ).totalDocs
    expect(await count()).toBe(published)
    await (await db({ payload })).query(`DELETE FROM docs_search`)
    await reindexAllDocsPages(await db({ payload }))
    expect(await count()).toBe(published)
    expect((await hrefs('signature'))[0]).toBe('/docs/webhooks/verifying-webhooks')
  })
})

describe('docs as Markdown', () => {
  it('converts Lexical to Markdown: inline marks, escaping, nested lists, quotes and blocks', () => {
    const nodes: LexicalNode[] = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '# not a heading, *stars* and tt_live_ keys ' },
          { type: 'text', text: 'bold ', format: 1 },
          { type: 'text', text: 'a`b', format: 16 },
          { type: 'text', text: ' ' },
          { type: 'link', fields: { url: '/docs/x/y' }, children: [{ type: 'text', text: 'in' }] },
          { type: 'text', text: ' ' },
          {
            type: 'link',
            fields: { url: 'javascript:alert(1)' },
            children: [{ type: 'text', text: 'bad' }],
          },
        ],
      },
      {
        type: 'list',
        listType: 'number',
        start: 1,
        children: [
          { type: 'listitem', children: [{ type: 'text', text: 'One' }] },
          {
            type: 'listitem',
            children: [
              {
                type: 'list',
                listType: 'bullet',
                children: [{ type: 'listitem', children: [{ type: 'text', text: 'Inner' }] }],
              },
            ],
          },
          { type: 'listitem', children: [{ type: 'text', text: 'Two' }] },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'Quoted' }] },
      {
        type: 'block',
        fields: {
          blockType: 'codeGroup',
          title: 'Call it',
          snippets: [
            { language: 'bash', code: 'curl x' },
            { language: 'python', code: 'x = """\n```\n"""' },
          ],
        },
      },
      {
        type: 'block',
        fields: {
          blockType: 'callout',
          kind: 'warning',
          title: null,
          text: 'See [keys](/api-keys).',
        },
      },
      {
        type: 'block',
        fields: {
          blockType: 'docImage',
          image: { url: '/api/media/file/a.png', alt: 'A chart' },
          caption: 'Requests per day',
        },
      },
    ]
    expect(toMarkdown(nodes, { baseUrl: BASE })).toBe(
      [
        `\\# not a heading, \\*stars\\* and tt_live\\_ keys **bold** \`\`a\`b\`\` [in](${BASE}/docs/x/y) bad`,
        '1. One\n    - Inner\n2. Two',
        '> Quoted',
        '**Call it**\n\n```bash\ncurl x\n```\n\n````python\nx = """\n```\n"""\n````',
        `> **Warning**\n>\n> See [keys](${BASE}/api-keys).`,
        `![A chart](${BASE}/api/media/file/a.png)\n\n*Requests per day*`,
      ].join('\n\n'),
    )
  })

  it('serves a published page at its URL + .md, and 404 for drafts and unknown pages', async () => {
    const md = async (section: string, slug: string) =>
      markdownRoute(new Request(`${BASE}/docs/${section}/${slug}.md`), {
        params: Promise.resolve({ section, slug }),
      })
    const response = await md('webhooks', 'verifying-webhooks')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const text = await response.text()
    expect(text.startsWith('# Verifying webhooks\n\n> What a delivery looks like')).toBe(true)
    expect(text).toContain('\n## The signature, step by step\n')
    expect(text).toContain('\n```http\nwebhook-id: msg_')
    expect(text).toContain('\n```json\n{')
    expect(text).toContain(`[Settings → Webhooks](${BASE}/settings/webhooks)`)
    expect(text).toContain('\n| 2 | 5 seconds after attempt 1 failed |\n')

    const keys = await (await md('best-practices', 'api-keys')).text()
    expect(keys).toContain(`\n1. Rotate the key in [API keys](${BASE}/api-keys)`)
    expect(keys).toContain(
      '\n> **Revoke first, investigate second**\n>\n> Revoke the key at once: revocation',
    )

    const draft = await makePage('draft')
    expect((await md('tutorials', draft.slug)).status).toBe(404)
    expect((await md('tutorials', 'no-such-page')).status).toBe(404)
    expect((await md('nowhere', 'quickstart')).status).toBe(404)
    expect((await md('getting-started', '../x')).status).toBe(404)
  })

  it('lists every published page in /llms.txt with its summary, linked to its Markdown', async () => {
    const draft = await makePage('draft')
    const response = await llmsRoute(new Request(`${BASE}/llms.txt`), {
      params: Promise.resolve({ file: 'llms.txt' }),
    })
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const text = await response.text()
    expect(text.startsWith('# TuneTrail\n\n> ')).toBe(true)
    expect(text).toContain('\n## Getting started\n\n- [Quickstart](')
    expect(text).toContain(
      `\n- [Verifying webhooks](${BASE}/docs/webhooks/verifying-webhooks.md): What a delivery looks like`,
    )
    expect(text).not.toContain(draft.slug)
    const links = [...text.matchAll(/^- \[[^\]]+\]\(([^)]+)\): \S/gm)].map((match) => match[1])
    const { totalDocs } = await payload.count({
      collection: 'docs-pages',
      where: { _status: { equals: 'published' } },
    })
    expect(links).toHaveLength(totalDocs)

    const full = await llmsRoute(new Request(`${BASE}/llms-full.txt`), {
      params: Promise.resolve({ file: 'llms-full.txt' }),
    })
    expect(await full.text()).toContain('# Keeping API keys safe')
    const other = await llmsRoute(new Request(`${BASE}/llms-x.txt`), {
      params: Promise.resolve({ file: 'llms-x.txt' }),
    })
    expect(other.status).toBe(404)
  })

  it('writes llms.txt and page Markdown safely from odd titles', () => {
    const page = {
      title: 'A [bracket] page',
      summary: 'Line one\nline two',
      section: 'sdks',
      slug: 'odd',
      body: { root: { children: [] } },
    }
    expect(llmsTxt([page], BASE)).toContain(
      `- [A \\[bracket\\] page](${BASE}/docs/sdks/odd.md): Line one line two`,
    )
    expect(pageMarkdown(page, { baseUrl: BASE })).toBe(
      '# A \\[bracket\\] page\n\n> Line one line two\n',
    )
  })

  it('serves the assistant page with the static pages’ script policy', () => {
    expect(isStaticPagePath('/docs/assistant')).toBe(true)
    expect(isStaticPagePath('/docs/webhooks/verifying-webhooks.md')).toBe(false)
  })
})
