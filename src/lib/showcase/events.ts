import { z } from 'zod'

const projectRef = {
  project_id: z.number().int(),
  slug: z.string(),
  title: z.string().min(1),
  url: z.string(),
}

const projectExample = {
  project_id: 9,
  slug: 'beatmatch-dj',
  title: 'BeatMatch DJ',
  url: 'https://community.tunetrail.dev/showcase/projects/beatmatch-dj',
}

export const REVIEW_DECISIONS = ['approved', 'rejected', 'featured'] as const

/**
 * The showcase's events (spread into src/lib/events/registry.ts): two for integrators, and the
 * internal notice each maker gets of a staff decision (src/lib/notifications/types.ts).
 */
export const SHOWCASE_EVENT_TYPES = {
  'project.published': {
    visibility: 'public',
    source: 'portal',
    description:
      'A showcase project of the account was published (approved, or by a trusted maker).',
    schema: z.object({
      ...projectRef,
      tagline: z.string(),
      makers: z.array(z.string()),
      published_at: z.iso.datetime({ offset: true }),
    }),
    example: {
      ...projectExample,
      tagline: 'Auto-mixes two decks by tempo and key',
      makers: ['maya', 'leo'],
      published_at: '2026-11-30T10:00:00Z',
    },
  },
  'project.featured': {
    visibility: 'public',
    source: 'portal',
    description: 'Staff featured a showcase project of the account.',
    schema: z.object({ ...projectRef, featured_at: z.iso.datetime({ offset: true }) }),
    example: { ...projectExample, featured_at: '2026-11-30T12:00:00Z' },
  },
  'showcase.reviewed': {
    visibility: 'internal',
    source: 'portal',
    description: 'A moderator approved, rejected or featured a project the user makes.',
    schema: z.object({
      ...projectRef,
      user_id: z.number().int(),
      decision: z.enum(REVIEW_DECISIONS),
      reason: z.string(),
      link: z.string(),
    }),
    example: {
      ...projectExample,
      user_id: 4,
      decision: 'rejected',
      reason: 'Add a screenshot of the app itself.',
      link: '/showcase/projects/beatmatch-dj',
    },
  },
} as const

type Data = Record<string, unknown>
const text = (value: unknown) => String(value ?? '')

/** The notification of a decision (spread into src/lib/notifications/types.ts). */
export function showcaseNotifications() {
  return {
    'showcase.reviewed': {
      label: 'Showcase: review decisions',
      description: 'A project you make is approved, rejected or featured.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: true, webhook: false },
      render: (data: Data) => ({
        title:
          data.decision === 'rejected'
            ? `“${text(data.title)}” was not approved`
            : data.decision === 'featured'
              ? `“${text(data.title)}” is featured on the showcase`
              : `“${text(data.title)}” is published on the showcase`,
        body:
          data.decision === 'rejected'
            ? `Reason: ${text(data.reason)} Edit it and submit again.`
            : data.decision === 'featured'
              ? 'It now leads the showcase page. Embed the badge from its page.'
              : 'It is live; people can now upvote and comment.',
        link: text(data.link) || null,
      }),
    },
  } as const
}
