/**
 * The showcase's vocabulary: project states, limits, the ranking formula and the parsers of the
 * links a project names (demo videos, GitHub repositories). Pure, so tests call them directly.
 */
export const PROJECT_STATUSES = ['draft', 'submitted', 'published', 'rejected'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: 'Draft',
  submitted: 'In review',
  published: 'Published',
  rejected: 'Rejected',
}

export const TOPIC_KINDS = ['tech', 'use-case'] as const
export type TopicKind = (typeof TOPIC_KINDS)[number]

export const SHOWCASE_LIMITS = {
  /** Votes (and un-votes) one person may cast in a minute. */
  votesPerMinute: 30,
  /** Comments one person may post in a minute. */
  commentsPerMinute: 5,
  /** Accounts younger than this vote, but their votes wait before they count in the ranking. */
  rankingMinAccountHours: 24,
  /** Days of API usage the verified-usage badge looks back over. */
  usageDays: 30,
  pageSize: 12,
  maxScreenshots: 8,
}

/** Hacker News' gravity: a vote counts less as its project ages (score = v / (h + 2)^G). */
export const HOT_GRAVITY = 1.8

/** The hot score of a project with `votes` ranked votes, `ageHours` after it was published. */
export const hotScore = (votes: number, ageHours: number) =>
  votes / Math.pow(Math.max(0, ageHours) + 2, HOT_GRAVITY)

export const SORTS = ['hot', 'week', 'month', 'all', 'new'] as const
export type ShowcaseSort = (typeof SORTS)[number]
export const SORT_LABELS: Record<ShowcaseSort, string> = {
  hot: 'Hot',
  week: 'Top this week',
  month: 'Top this month',
  all: 'Top of all time',
  new: 'Newest',
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/** `owner/name` of a GitHub repository, from that spelling or its https URL; null otherwise. */
export function parseRepo(value: string): string | null {
  const trimmed = value
    .trim()
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
  const match =
    /^(?:https:\/\/(?:www\.)?github\.com\/)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(
      trimmed,
    )
  if (!match || match[2] === '.' || match[2] === '..') return null
  return `${match[1]}/${match[2]}`
}

export type VideoEmbed = { provider: 'youtube' | 'vimeo' | 'loom'; src: string }

/**
 * The privacy-enhanced embed of a YouTube, Vimeo or Loom link (no cookies until play, no
 * tracking where the provider offers it); null for any other host.
 */
export function videoEmbed(value: string): VideoEmbed | null {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  const host = url.hostname.replace(/^www\./, '')
  const id = (pattern: RegExp, text: string) => pattern.exec(text)?.[1] ?? null
  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com') {
    const video =
      host === 'youtu.be'
        ? id(/^\/([A-Za-z0-9_-]{11})$/, url.pathname)
        : url.pathname === '/watch'
          ? id(/^([A-Za-z0-9_-]{11})$/, url.searchParams.get('v') ?? '')
          : id(/^\/(?:embed|shorts)\/([A-Za-z0-9_-]{11})$/, url.pathname)
    return video
      ? { provider: 'youtube', src: `https://www.youtube-nocookie.com/embed/${video}` }
      : null
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const video = id(/^\/(?:video\/)?(\d{1,12})$/, url.pathname)
    return video
      ? { provider: 'vimeo', src: `https://player.vimeo.com/video/${video}?dnt=1` }
      : null
  }
  if (host === 'loom.com') {
    const video = id(/^\/(?:share|embed)\/([a-f0-9]{32})$/, url.pathname)
    return video ? { provider: 'loom', src: `https://www.loom.com/embed/${video}` } : null
  }
  return null
}

/** The hosts the page may frame (the Content-Security-Policy's frame-src). */
export const VIDEO_FRAME_HOSTS = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://www.loom.com',
]

/** An https (or http) link for the demo; null when it is anything else. */
export function safeLink(value: string): string | null {
  try {
    const url = new URL(value.trim())
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
  } catch {
    return null
  }
}
