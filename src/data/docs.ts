import 'server-only'

import { unstable_cache } from 'next/cache'

import { DOCS_SECTIONS, DOCS_TAG, type DocsSection } from '@/lib/docs/sections'
import type { DocsPage, User } from '@/payload-types'

import { payloadClient } from './session'

/** A page as the sidebar, the index and previous/next need it (no body). */
export type DocsPageLink = Pick<DocsPage, 'id' | 'title' | 'slug' | 'section' | 'order' | 'summary'>

const bySectionThenOrder = (a: DocsPageLink, b: DocsPageLink) =>
  DOCS_SECTIONS.findIndex((s) => s.value === a.section) -
    DOCS_SECTIONS.findIndex((s) => s.value === b.section) ||
  a.order - b.order ||
  a.title.localeCompare(b.title)

/**
 * Every published page, in reading order. Read as an anonymous visitor (overrideAccess: false,
 * no user: published pages only) and cached under the docs tag until a publish revalidates it.
 */
/**
 * A publish revalidates the tag in the process that saved it; other web replicas (each has its
 * own cache) catch up within this many seconds at the latest.
 */
export const DOCS_BACKSTOP_SECONDS = 300

export const publishedDocsPages = unstable_cache(
  async (): Promise<DocsPageLink[]> => {
    const payload = await payloadClient()
    const { docs } = await payload.find({
      collection: 'docs-pages',
      overrideAccess: false,
      depth: 0,
      limit: 1000,
      pagination: false,
      select: { title: true, slug: true, section: true, order: true, summary: true },
    })
    return (docs as DocsPageLink[]).sort(bySectionThenOrder)
  },
  ['docs-pages:published-list'],
  { tags: [DOCS_TAG], revalidate: DOCS_BACKSTOP_SECONDS },
)

/** One published page with its body (images populated), cached under the docs tag. */
export const publishedDocsPage = unstable_cache(
  async (section: DocsSection, slug: string): Promise<DocsPage | null> => {
    const payload = await payloadClient()
    const { docs } = await payload.find({
      collection: 'docs-pages',
      where: { and: [{ section: { equals: section } }, { slug: { equals: slug } }] },
      overrideAccess: false,
      depth: 1,
      limit: 1,
    })
    return docs[0] ?? null
  },
  ['docs-pages:published-page'],
  { tags: [DOCS_TAG], revalidate: DOCS_BACKSTOP_SECONDS },
)

/** The latest draft of a page, for staff previewing in draft mode (never cached). */
export async function draftDocsPage(
  section: DocsSection,
  slug: string,
  user: User,
): Promise<DocsPage | null> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'docs-pages',
    where: { and: [{ section: { equals: section } }, { slug: { equals: slug } }] },
    draft: true,
    overrideAccess: false,
    user,
    depth: 1,
    limit: 1,
  })
  return docs[0] ?? null
}
