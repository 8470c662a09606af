import type { Media, ShowcaseProject, ShowcaseTopic } from '@/payload-types'

import type { Shot } from './Gallery.client'

const isMedia = (value: unknown): value is Media =>
  typeof value === 'object' && value !== null && 'url' in value

/**
 * Payload's URL of an upload as a path on this site (Payload prefixes SERVER_URL). The images
 * are served as Payload sized them (`card` for thumbnails): Next's optimizer refused the
 * absolute URL, and its internal fetch of the path answered 404 behind our server, so the
 * Image components are `unoptimized` (see the README's showcase section).
 */
export function localPath(url: string): string {
  if (url.startsWith('/')) return url
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

/** The project's screenshots as the gallery shows them (Payload's `card` size as thumbnail). */
export function shotsOf(project: ShowcaseProject): Shot[] {
  return (project.screenshots ?? []).flatMap((row) => {
    const image = row.image
    if (!isMedia(image) || !image.url) return []
    return [
      {
        src: localPath(image.url),
        thumb: localPath(image.sizes?.card?.url ?? image.url),
        alt: row.alt,
        width: image.width ?? 1280,
        height: image.height ?? 720,
      },
    ]
  })
}

/** Populated topics of a relationship field (ids are dropped). */
export const topicsOf = (values: ShowcaseProject['techStack']): ShowcaseTopic[] =>
  (values ?? []).filter((t): t is ShowcaseTopic => typeof t === 'object' && t !== null)
