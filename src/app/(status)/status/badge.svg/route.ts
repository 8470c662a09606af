import { statusSnapshot } from '@/data/status'
import { badgeSvg, overallBadge } from '@/lib/status/badge'

export const dynamic = 'force-dynamic'

const headers = (status: 'ok' | 'missing') => ({
  'content-type': 'image/svg+xml; charset=utf-8',
  // Image proxies (GitHub's camo …) and browsers refetch it within a minute.
  'cache-control': status === 'ok' ? 'public, max-age=60, s-maxage=60' : 'no-store',
  'Access-Control-Allow-Origin': '*',
})

/**
 * GET /status/badge.svg — the overall state; `?component=<slug>` one public component's. Read
 * from the cached status snapshot (no database work per request).
 */
export async function GET(request: Request) {
  const slug = new URL(request.url).searchParams.get('component')
  const snapshot = await statusSnapshot()
  if (slug === null) {
    return new Response(badgeSvg({ label: 'TuneTrail', ...overallBadge(snapshot.overall) }), {
      headers: headers('ok'),
    })
  }
  const component = snapshot.components.find((each) => each.slug === slug)
  if (!component) {
    return new Response(
      badgeSvg({ label: slug.slice(0, 40), state: 'unknown', message: 'no such component' }),
      {
        status: 404,
        headers: headers('missing'),
      },
    )
  }
  return new Response(badgeSvg({ label: component.name, state: component.state }), {
    headers: headers('ok'),
  })
}
