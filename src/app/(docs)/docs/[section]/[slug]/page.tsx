import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { AskDocs } from '@/components/AskDocs/index.client'
import { DocsBody } from '@/components/DocsBody'
import { draftDocsPage, publishedDocsPage, publishedDocsPages } from '@/data/docs'
import { currentUser } from '@/data/session'
import { serverUrl } from '@/lib/defaults'
import { docsPath, isDocsSection, sectionLabel, type DocsSection } from '@/lib/docs/sections'
import { tableOfContents } from '@/lib/docs/toc'

import { EditInAdmin } from '../../_components/EditInAdmin.client'
import { Feedback } from '../../_components/Feedback.client'
import { LivePreview } from '../../_components/LivePreview.client'
import { PrevNext } from '../../_components/PrevNext'
import { DocsSidebar } from '../../_components/Sidebar'
import { DocsToc } from '../../_components/Toc'

type Props = { params: Promise<{ section: string; slug: string }> }

/**
 * Static: each page is rendered on its first request and then served from Next's cache until
 * a publish revalidates the docs tag (collections/DocsPages/hooks/revalidate.ts). The build
 * needs no database, so nothing is listed ahead of time.
 */
export const dynamicParams = true
// Other web replicas catch up with a publish within 5 minutes (the tag is per process).
export const revalidate = 300
export const generateStaticParams = async () => [] as { section: string; slug: string }[]

/** Staff in draft mode (the admin's live preview) see the latest draft, uncached. */
async function pageFor(section: DocsSection, slug: string) {
  const { isEnabled: isDraft } = await draftMode()
  if (isDraft) {
    const user = await currentUser()
    if (user && hasRole(user, 'staff'))
      return { page: await draftDocsPage(section, slug, user), isDraft }
  }
  return { page: await publishedDocsPage(section, slug), isDraft: false }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section, slug } = await params
  if (!isDocsSection(section)) return {}
  const page = await publishedDocsPage(section, slug)
  return page
    ? {
        title: page.title,
        description: page.summary,
        // The same page as Markdown, for tools and language models (…/slug.md).
        alternates: { types: { 'text/markdown': `${docsPath(page)}.md` } },
      }
    : {}
}

export default async function DocsPageRoute({ params }: Props) {
  const { section, slug } = await params
  if (!isDocsSection(section)) notFound()
  const [{ page, isDraft }, pages] = await Promise.all([
    pageFor(section, slug),
    publishedDocsPages(),
  ])
  if (!page) notFound()
  const path = docsPath(page)
  const body = page.body as unknown as SerializedEditorState

  return (
    <div className="grid gap-8 lg:grid-cols-[13rem_minmax(0,1fr)] xl:grid-cols-[13rem_minmax(0,1fr)_12rem]">
      <aside className="lg:row-span-2 xl:row-span-1">
        <details className="rounded-md border border-border p-3 lg:hidden">
          <summary className="cursor-pointer text-sm font-semibold">All docs pages</summary>
          <div className="mt-3">
            <DocsSidebar pages={pages} current={page.id} />
          </div>
        </details>
        <div className="sticky top-20 hidden max-h-[calc(100vh-6rem)] overflow-y-auto lg:block">
          <DocsSidebar pages={pages} current={page.id} />
        </div>
      </aside>
      <div className="xl:col-start-3 xl:row-start-1">
        <div className="xl:sticky xl:top-20">
          <DocsToc entries={tableOfContents(body)} />
        </div>
      </div>
      <article className="min-w-0 space-y-8 xl:col-start-2 xl:row-start-1">
        {isDraft && <LivePreview serverUrl={serverUrl()} />}
        <header className="space-y-2">
          <p className="text-sm font-semibold text-primary">{sectionLabel(page.section)}</p>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <h1 className="text-3xl font-semibold">{page.title}</h1>
            <EditInAdmin id={page.id} />
          </div>
          <p className="text-lg text-muted-foreground">{page.summary}</p>
          {page.lastUpdated && (
            <p className="text-xs text-muted-foreground">
              Last updated <time dateTime={page.lastUpdated}>{page.lastUpdated.slice(0, 10)}</time>
            </p>
          )}
        </header>
        <DocsBody body={body} />
        <AskDocs />
        <Feedback pageId={page.id} path={path} />
        <PrevNext pages={pages} current={page.id} />
      </article>
    </div>
  )
}
