import { recentIncidents, recentMaintenances, statusSnapshot } from '@/data/status'
import { statusFeed } from '@/lib/status/feed'

/**
 * GET /status/feed.rss and /status/feed.atom (rewritten here, next.config.mjs): incidents and
 * maintenance as RSS 2.0 and Atom 1.0, cached like the page.
 */
export const dynamic = 'force-static'
export const dynamicParams = true
export const revalidate = 60
export const generateStaticParams = async () => [] as { format: string }[]

type Context = { params: Promise<{ format: string }> }

export async function GET(_request: Request, { params }: Context) {
  const { format } = await params
  if (format !== 'rss' && format !== 'atom') {
    return new Response('No such feed: /status/feed.rss or /status/feed.atom', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
  const [snapshot, incidents, maintenances] = await Promise.all([
    statusSnapshot(),
    recentIncidents(),
    recentMaintenances(),
  ])
  const feed = statusFeed(incidents, maintenances, snapshot.updatedAt)
  return new Response(format === 'rss' ? feed.rss2() : feed.atom1(), {
    headers: {
      'content-type': `application/${format === 'rss' ? 'rss' : 'atom'}+xml; charset=utf-8`,
      'Access-Control-Allow-Origin': '*',
    },
  })
}
