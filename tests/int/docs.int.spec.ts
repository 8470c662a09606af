import type * as NextCacheModule from 'next/cache'
import { createLocalReq, type PayloadRequest } from 'payload'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { feedbackEndpoint } from '@collections/DocsPages/endpoints'
import { DOCS_SECTIONS, DOCS_TAG } from '@/lib/docs/sections'
import { contentSecurityPolicy, isStaticPagePath } from '@/lib/net/securityHeaders'
import { highlightToHtml } from '@/lib/docs/highlight'
import { isSafeHref } from '@/lib/docs/links'
import { tableOfContents } from '@/lib/docs/toc'
import type { DocsPage, User } from '@/payload-types'
import { markdownToLexical } from '@/seed/docs/lexical'
import { seedDocs, seedDocsPages } from '@/seed/docs'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

type NextCache = typeof NextCacheModule

// The docs hook revalidates Next's cache; outside Next the call is observed instead.
const { revalidateTag } = vi.hoisted(() => ({ revalidateTag: vi.fn() }))
vi.mock('next/cache', async (original) => ({
  ...(await original<NextCache>()),
  revalidateTag,
}))

const body = (text: string) =>
  markdownToLexical(`## ${text}\n\nSome text.`) as unknown as DocsPage['body']

async function makePage(status: 'draft' | 'published', extra: Partial<DocsPage> = {}) {
  const payload = await testPayload()
  return payload.create({
    collection: 'docs-pages',
    data: {
      title: unique('Page'),
      slug: unique('page').toLowerCase(),
      section: 'tutorials',
      order: 500,
      summary: 'A test page.',
      body: body('Intro'),
      _status: status,
      ...extra,
    },
    draft: status === 'draft',
    overrideAccess: true,
  })
}

describe('docs pages: access', () => {
  let member: User
  let staff: User
  let published: DocsPage
  let draft: DocsPage
  beforeAll(async () => {
    member = await makeUser(['member'])
    staff = await makeUser(['staff'])
    published = await makePage('published')
    draft = await makePage('draft')
  })

  it('shows drafts to nobody but staff', async () => {
    const payload = await testPayload()
    const ids = async (user?: User, isDraft = false) =>
      (
        await payload.find({
          collection: 'docs-pages',
          where: { id: { in: [published.id, draft.id] } },
          overrideAccess: false,
          draft: isDraft,
          ...(user ? { user: asUser(user) } : {}),
        })
      ).docs.map((doc) => doc.id)
    expect(await ids()).toEqual([published.id])
    expect(await ids(member)).toEqual([published.id])
    expect(await ids(member, true)).toEqual([published.id])
    expect((await ids(staff, true)).sort()).toEqual([published.id, draft.id].sort())
  })

  it('lets only staff create and edit pages', async () => {
    const payload = await testPayload()
    const data = {
      title: 'Nope',
      slug: unique('nope').toLowerCase(),
      section: 'sdks' as const,
      order: 1,
      summary: 'x',
      body: body('x'),
    }
    expect(
      await rejection(
        payload.create({
          collection: 'docs-pages',
          data,
          overrideAccess: false,
          user: asUser(member),
        }),
      ),
    ).toMatch(/not allowed/i)
    expect(
      await rejection(
        payload.update({
          collection: 'docs-pages',
          id: published.id,
          data: { title: 'Hijacked' },
          overrideAccess: false,
          user: asUser(member),
        }),
      ),
    ).toMatch(/not allowed/i)
    const updated = await payload.update({
      collection: 'docs-pages',
      id: published.id,
      data: { summary: 'Edited by staff.' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(updated.summary).toBe('Edited by staff.')
  })

  it('refuses a slug that is not URL-safe', async () => {
    expect(await rejection(makePage('published', { slug: 'Not A Slug' }))).toMatch(/^slug:/)
  })

  it('refuses a link to a script URL, naming the body, and never renders one', async () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:x',
      'data:text/html,x',
    ]) {
      const linked = markdownToLexical(`See [this](${url.replace(/\s/g, '%20')}).`)
      // The seed's Markdown takes no spaces in URLs: put the exact URL in the node.
      const link = (linked.root.children as { children: { fields?: { url: string } }[] }[])[0]
        .children[1]
      link.fields = { ...link.fields, url }
      expect(
        await rejection(makePage('published', { body: linked as unknown as DocsPage['body'] })),
      ).toMatch(/^body: Links may go to web pages/)
      expect(isSafeHref(url)).toBe(false)
    }
    for (const url of [
      'https://tunetrail.dev',
      '/docs/x',
      '#anchor',
      'quickstart',
      'mailto:a@b.c',
    ]) {
      expect(isSafeHref(url)).toBe(true)
    }
    const fine = markdownToLexical('See [the quickstart](/docs/getting-started/quickstart).')
    await makePage('published', { body: fine as unknown as DocsPage['body'] })
  })
})

describe('docs seed', () => {
  it('publishes at least 15 pages covering every section, and changes nothing when run again', async () => {
    const payload = await testPayload()
    await seedDocs(payload)
    const { docs } = await payload.find({
      collection: 'docs-pages',
      where: { slug: { in: seedDocsPages().map((page) => page.slug) } },
      overrideAccess: false,
      pagination: false,
    })
    expect(docs.length).toBeGreaterThanOrEqual(15)
    expect(new Set(docs.map((doc) => doc.section))).toEqual(
      new Set(DOCS_SECTIONS.map((section) => section.value)),
    )
    for (const doc of docs) {
      expect(doc._status, doc.slug).toBe('published')
      expect(doc.body.root.children.length, doc.slug).toBeGreaterThan(0)
    }
    const quickstart = docs.find((doc) => doc.slug === 'quickstart')
    expect(tableOfContents(quickstart?.body as never).map((entry) => entry.id)).toEqual([
      '1-create-a-key',
      '2-make-a-request',
      '3-read-the-answer',
      'next-steps',
    ])
    expect(await seedDocs(payload)).toEqual([])
  })

  it('turns code fences into one code group with a tab per language', () => {
    const state = markdownToLexical(
      ':::code Title\n\n```bash\ncurl x\n```\n\n```python\nprint(1)\n\nprint(2)\n```\n\n:::',
    )
    const [node] = state.root.children as { fields: Record<string, unknown> }[]
    expect(node.fields).toMatchObject({
      blockType: 'codeGroup',
      title: 'Title',
      snippets: [
        { language: 'bash', code: 'curl x' },
        { language: 'python', code: 'print(1)\n\nprint(2)' },
      ],
    })
  })
})

describe('docs feedback', () => {
  const call = async (user: User | null, id: number | string, json: unknown) => {
    const payload = await testPayload()
    const req = (await createLocalReq(
      user ? { user: asUser(user) as never } : {},
      payload,
    )) as PayloadRequest
    req.json = async () => json
    req.routeParams = { id: String(id) }
    const response = await feedbackEndpoint.handler(req)
    return { status: response.status, body: await response.json() }
  }

  it('keeps one vote per person and page; voting again changes it', async () => {
    const payload = await testPayload()
    const page = await makePage('published')
    const [maya, leo] = [await makeUser(['member']), await makeUser(['member'])]
    expect(await call(maya, page.id, { helpful: true })).toEqual({
      status: 200,
      body: { helpful: 1, notHelpful: 0, yours: true },
    })
    expect((await call(maya, page.id, { helpful: false, comment: 'Too short' })).body).toEqual({
      helpful: 0,
      notHelpful: 1,
      yours: false,
    })
    expect((await call(leo, page.id, { helpful: true })).body).toMatchObject({
      helpful: 1,
      notHelpful: 1,
    })
    const votes = await payload.find({
      collection: 'docs-feedback',
      where: { page: { equals: page.id } },
      overrideAccess: true,
    })
    expect(votes.totalDocs).toBe(2)
    expect(votes.docs.find((vote) => vote.comment)?.comment).toBe('Too short')
  })

  it('answers 400 naming the field, 401 signed out and 404 for a draft', async () => {
    const member = await makeUser(['member'])
    const page = await makePage('published')
    const bad = await call(member, page.id, { helpful: 'yes' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ field: 'helpful' })
    const long = await call(member, page.id, { helpful: true, comment: 'x'.repeat(1001) })
    expect(long.status).toBe(400)
    expect(long.body.errors[0]).toMatchObject({ field: 'comment' })
    expect((await call(null, page.id, { helpful: true })).status).toBe(401)
    const draft = await makePage('draft')
    expect((await call(member, draft.id, { helpful: true })).status).toBe(404)
  })

  it('is not readable by members', async () => {
    const payload = await testPayload()
    const member = await makeUser(['member'])
    const page = await makePage('published')
    await call(member, page.id, { helpful: true })
    expect(
      await rejection(
        payload.find({ collection: 'docs-feedback', overrideAccess: false, user: asUser(member) }),
      ),
    ).toMatch(/not allowed/i)
  })
})

describe('docs revalidation', () => {
  const runtime = process.env.NEXT_RUNTIME
  afterEach(() => {
    process.env.NEXT_RUNTIME = runtime
    revalidateTag.mockClear()
  })

  it('revalidates the docs tag when a page is published or a published page changes, not for drafts', async () => {
    process.env.NEXT_RUNTIME = 'nodejs'
    const payload = await testPayload()
    const page = await makePage('draft')
    await payload.update({
      collection: 'docs-pages',
      id: page.id,
      data: { summary: 'Still a draft.' },
      draft: true,
      overrideAccess: true,
    })
    expect(revalidateTag).not.toHaveBeenCalled()
    const published = await payload.update({
      collection: 'docs-pages',
      id: page.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    expect(revalidateTag).toHaveBeenCalledWith(DOCS_TAG, { expire: 0 })
    expect(published.lastUpdated).toBeTruthy()
    revalidateTag.mockClear()
    await payload.delete({ collection: 'docs-pages', id: page.id, overrideAccess: true })
    expect(revalidateTag).toHaveBeenCalledWith(DOCS_TAG, { expire: 0 })
  })
})

describe('the script policy of static docs pages', () => {
  it('applies only to /docs, /docs/<section>/<slug>, the reference and the playground as sent, never to the preview', () => {
    for (const path of [
      '/docs',
      '/docs/',
      '/docs/getting-started/quickstart',
      '/docs/api-reference',
      '/docs/playground',
    ]) {
      expect(isStaticPagePath(path), path).toBe(true)
    }
    for (const path of [
      '/docs/preview',
      '/docs/%61/b',
      '/docs/a/b/c',
      '/docs/playground/x/y',
      '/docs/api-referencex',
      '/docs/../api-keys/x',
      '/api-keys',
      '/docsx',
    ]) {
      expect(isStaticPagePath(path), path).toBe(false)
    }
  })

  it('drops the nonce for static pages and keeps every other directive', () => {
    const page = contentSecurityPolicy('abc', { isStaticPage: true })
    expect(page).toContain("script-src 'self' 'unsafe-inline';")
    expect(page).not.toContain('nonce-')
    expect(page).toContain("frame-ancestors 'self'")
    expect(page).toContain("object-src 'none'")
    expect(contentSecurityPolicy('abc')).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'")
  })
})

describe('code highlighting', () => {
  it('wraps Prism tokens in spans and escapes the code', () => {
    const html = highlightToHtml('const a = "<script>"', 'javascript')
    expect(html).toContain('<span class="token keyword">const</span>')
    expect(html).toContain('&quot;&lt;script&gt;&quot;')
    expect(html).not.toContain('<script>')
    expect(highlightToHtml('<b>&', 'no-such-language')).toBe('&lt;b&gt;&amp;')
  })
})
