import { publishedDocsPage } from '@/data/docs'
import { serverUrl } from '@/lib/defaults'
import { markdownResponse, pageMarkdown } from '@/lib/docs/markdown'
import { isDocsSection } from '@/lib/docs/sections'

/**
 * GET /docs/<section>/<slug>.md (rewritten here, next.config.mjs): a published page as Markdown.
 * Cached like the page itself — rendered on first request, kept until a publish revalidates the
 * docs tag (the build has no database, so nothing is listed ahead of time).
 */
export const dynamic = 'force-static'
export const dynamicParams = true
export const revalidate = 300
export const generateStaticParams = async () => [] as { section: string; slug: string }[]

type Context = { params: Promise<{ section: string; slug: string }> }

export async function GET(_request: Request, { params }: Context) {
  const { section, slug } = await params
  const page =
    isDocsSection(section) && /^[a-z0-9-]{1,80}$/.test(slug)
      ? await publishedDocsPage(section, slug)
      : null
  return markdownResponse(page && pageMarkdown(page, { baseUrl: serverUrl() }))
}
