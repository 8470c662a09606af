import { badgeSvg } from '@/lib/showcase/badge'
import { projectBySlug } from '@/data/showcase'

type Context = { params: Promise<{ slug: string }> }

/**
 * The embeddable "Featured on TuneTrail" badge of a published project (others read "Showcased
 * on TuneTrail"); cached for an hour by whoever embeds it.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug } = await params
  const project = /^[a-z0-9-]{1,64}$/.test(slug) ? await projectBySlug(null, slug) : null
  if (!project) return new Response('Not found', { status: 404 })
  return new Response(
    badgeSvg({ isFeatured: Boolean(project.featured), votes: Number(project.votes ?? 0) }),
    {
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    },
  )
}
