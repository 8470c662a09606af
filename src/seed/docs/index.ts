import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload } from 'payload'

import { isDocsSection } from '@/lib/docs/sections'
import type { DocsPage } from '@/payload-types'

import { markdownToLexical, parsePage } from './lexical'

const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages')

export type SeedDocsPage = Pick<DocsPage, 'title' | 'slug' | 'section' | 'order' | 'summary'> & {
  body: DocsPage['body']
}

/** The seed's pages, from `pages/<section>--<slug>.md`, in file order. */
export function seedDocsPages(): SeedDocsPage[] {
  return fs
    .readdirSync(PAGES_DIR)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const [section, slug] = file.replace(/\.md$/, '').split('--')
      if (!isDocsSection(section)) throw new Error(`${file}: unknown docs section ${section}`)
      const { meta, body } = parsePage(fs.readFileSync(path.join(PAGES_DIR, file), 'utf8'))
      const order = Number(meta.order)
      if (!meta.title || !meta.summary || !Number.isInteger(order)) {
        throw new Error(`${file}: front matter needs title, order and summary`)
      }
      return {
        title: meta.title,
        slug,
        section,
        order,
        summary: meta.summary,
        body: markdownToLexical(body) as unknown as DocsPage['body'],
      }
    })
}

/**
 * Publishes each seed page that does not exist yet (matched on section and slug). A page staff
 * have edited, unpublished or moved is left as it is: running the seed again changes nothing.
 */
export async function seedDocs(payload: Payload): Promise<string[]> {
  const created: string[] = []
  for (const page of seedDocsPages()) {
    const existing = await payload.count({
      collection: 'docs-pages',
      where: { and: [{ section: { equals: page.section } }, { slug: { equals: page.slug } }] },
      overrideAccess: true,
    })
    if (existing.totalDocs > 0) continue
    await payload.create({
      collection: 'docs-pages',
      data: { ...page, _status: 'published' },
      overrideAccess: true,
    })
    created.push(`docs ${page.section}/${page.slug}`)
  }
  return created
}
