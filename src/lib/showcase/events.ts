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

/** `edit_*`: a moderator's decision on the changes a maker made to a published project. */
export const REVIEW_DECISIONS = [
  'approved',
  'rejected',
  'featured',
  'edit_approved',
  'edit_rejected',
] as const

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
    description:
      'A moderator approved, rejected or featured a project the user makes, or decided on changes to it.',
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
  'showcase.maker_invited': {
    visibility: 'internal',
    source: 'portal',
    description:
      'Someone listed the user as a maker of their project: the user accepts or declines.',
    schema: z.object({
      ...projectRef,
      user_id: z.number().int(),
      invited_by: z.string(),
      link: z.string(),
    }),
    example: {
      ...projectExample,
      user_id: 4,
      invited_by: 'maya',
      link: '/showcase/projects/beatmatch-dj',
    },
  },
} as const

type Data = Record<string, unknown>
const text = (value: unknown) => String(value ?? '')

/** The notifications of a decision and of a maker invitation (spread into src/lib/notifications/types.ts). */
export function showcaseNotifications() {
  return {
    'showcase.reviewed': {
      label: 'Showcase: review decisions',
      description: 'A project you make is approved, rejected or featured.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: true, webhook: false },
      render: (data: Data) => ({
        title:
          {
            rejected: `“${text(data.title)}” was not approved`,
            featured: `“${text(data.title)}” is featured on the showcase`,
            edit_approved: `Your changes to “${text(data.title)}” are live`,
            edit_rejected: `Your changes to “${text(data.title)}” were not approved`,
          }[text(data.decision)] ?? `“${text(data.title)}” is published on the showcase`,
        body:
          {
            rejected: `Reason: ${text(data.reason)} Edit it and submit again.`,
            featured: 'It now leads the showcase page. Embed the badge from its page.',
            edit_approved: 'The project page shows them now.',
            edit_rejected: `Reason: ${text(data.reason)} The page still shows the last approved version.`,
          }[text(data.decision)] ?? 'It is live; people can now upvote and comment.',
        link: text(data.link) || null,
      }),
    },
    'showcase.maker_invited': {
      label: 'Showcase: maker invitations',
      description: 'Someone lists you as a maker of their project.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: true, webhook: false },
      render: (data: Data) => ({
        title: `${text(data.invited_by)} listed you as a maker of “${text(data.title)}”`,
        body: 'Accept on the project page to be shown as one of its makers, or decline.',
        link: text(data.link) || null,
      }),
    },
  } as const
}
