import type { Media, ShowcaseProject, ShowcaseTopic } from '@/payload-types'

import type { Shot } from './Gallery.client'

const isMedia = (value: unknown): value is Media =>
  typeof value === 'object' && value !== null && 'url' in value

/** The project's screenshots as the gallery shows them (Payload's `card` size as thumbnail). */
export function shotsOf(project: ShowcaseProject): Shot[] {
  return (project.screenshots ?? []).flatMap((row) => {
    const image = row.image
    if (!isMedia(image) || !image.url) return []
    return [
      {
        src: image.url,
        thumb: image.sizes?.card?.url ?? image.url,
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
