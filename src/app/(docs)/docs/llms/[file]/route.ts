import { publishedDocsPage, publishedDocsPages } from '@/data/docs'
import { serverUrl } from '@/lib/defaults'
import { llmsTxt, markdownResponse, pageMarkdown } from '@/lib/docs/markdown'

/**
 * GET /llms.txt and /llms-full.txt (rewritten here, next.config.mjs), per llmstxt.org: the docs'
 * index for language models — every published page linked to its Markdown with its summary —
 * and every page's Markdown in one file. Cached until a publish revalidates the docs tag.
 */
export const dynamic = 'force-static'
export const dynamicParams = true
export const revalidate = 300
export const generateStaticParams = async () => [] as { file: string }[]

type Context = { params: Promise<{ file: string }> }

export async function GET(_request: Request, { params }: Context) {
  const { file } = await params
  const pages = await publishedDocsPages()
  if (file === 'llms.txt') return markdownResponse(llmsTxt(pages, serverUrl()), 'text/plain')
  if (file !== 'llms-full.txt') return markdownResponse(null)
  const full = await Promise.all(
    pages.map(async (link) => {
      const page = await publishedDocsPage(link.section, link.slug)
      return page ? pageMarkdown(page, { baseUrl: serverUrl() }) : ''
    }),
  )
  return markdownResponse(full.filter(Boolean).join('\n---\n\n'), 'text/plain')
}
