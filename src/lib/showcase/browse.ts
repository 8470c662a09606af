import type { Queryable } from '../db'
import { HOT_GRAVITY, SHOWCASE_LIMITS, type ShowcaseSort } from './constants'

export type ShowcaseFilters = {
  q?: string
  tech?: string
  use?: string
  /** A model of the hub, as `owner/slug`. */
  model?: string
  sort?: ShowcaseSort
  page?: number
}

type Built = { where: string[]; values: unknown[] }

const push = (built: Built, value: unknown) => {
  built.values.push(value)
  return `$${built.values.length}`
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Votes that count in the ranking: those of accounts at least a day old (a fresh account's vote
 * shows in the count but waits a day before it moves the ranking).
 */
const RANKED_VOTES = `(SELECT count(*) FROM project_votes v JOIN users u ON u.id = v.user_id
    WHERE v.project_id = p.id
      AND u.created_at <= now() - interval '${SHOWCASE_LIMITS.rankingMinAccountHours} hours')`

const AGE_HOURS = `greatest(0, extract(epoch FROM now() - p.published_at) / 3600.0)`

/** `hot`: Hacker News' formula (votes / (age in hours + 2)^1.8, src/lib/showcase/constants.ts). */
const ORDER: Record<ShowcaseSort, string> = {
  hot: `ranked_votes / power(${AGE_HOURS} + 2, ${HOT_GRAVITY}) DESC, p.published_at DESC`,
  week: 'ranked_votes DESC, p.published_at DESC',
  month: 'ranked_votes DESC, p.published_at DESC',
  all: 'ranked_votes DESC, p.published_at DESC',
  new: 'p.published_at DESC, p.id DESC',
}

const WINDOW: Partial<Record<ShowcaseSort, string>> = { week: '7 days', month: '30 days' }

function conditions(filters: ShowcaseFilters): Built {
  const built: Built = { where: [`p.status = 'published'`], values: [] }
  const topic = (path: string, slug: string) =>
    `EXISTS (SELECT 1 FROM showcase_projects_rels r JOIN showcase_topics t
               ON t.id = r.showcase_topics_id
              WHERE r.parent_id = p.id AND r.path = '${path}' AND t.slug = ${push(built, slug)})`
  if (filters.tech) built.where.push(topic('techStack', filters.tech))
  if (filters.use) built.where.push(topic('useCases', filters.use))
  if (filters.model) {
    built.where.push(`EXISTS (SELECT 1 FROM showcase_projects_rels r JOIN ml_models m
               ON m.id = r.ml_models_id
              WHERE r.parent_id = p.id AND r.path = 'models'
                AND m.owner_handle || '/' || m.slug = ${push(built, filters.model)})`)
  }
  if (filters.q?.trim()) {
    const like = push(built, `%${likeEscape(filters.q.trim())}%`)
    built.where.push(`(p.title ILIKE ${like} OR p.tagline ILIKE ${like}
      OR p.story_what_it_does ILIKE ${like}
      OR EXISTS (SELECT 1 FROM showcase_projects_tags g WHERE g._parent_id = p.id AND g.tag ILIKE ${like}))`)
  }
  const window = WINDOW[filters.sort ?? 'hot']
  if (window) built.where.push(`p.published_at >= now() - interval '${window}'`)
  return built
}

export type RankedPage = { ids: number[]; total: number; page: number; pages: number }

/** One page of published project ids in the order of `sort`, with the total. */
export async function rankedProjectIds(
  sql: Queryable,
  filters: ShowcaseFilters,
  pageSize = SHOWCASE_LIMITS.pageSize,
): Promise<RankedPage> {
  const built = conditions(filters)
  const where = built.where.join(' AND ')
  const page = Math.max(1, Math.min(filters.page ?? 1, 1000))
  const { rows: counted } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM showcase_projects p WHERE ${where}`,
    built.values,
  )
  const total = Number(counted[0]?.n ?? 0)
  const limit = push(built, pageSize)
  const offset = push(built, (page - 1) * pageSize)
  const { rows } = await sql.query<{ id: number }>(
    `SELECT p.id FROM (SELECT p.id, p.published_at, ${RANKED_VOTES}::float AS ranked_votes
                         FROM showcase_projects p WHERE ${where}) p
      ORDER BY ${ORDER[filters.sort ?? 'hot']} LIMIT ${limit} OFFSET ${offset}`,
    built.values,
  )
  return {
    ids: rows.map((row) => Number(row.id)),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  }
}

/** Featured projects, the most recently featured first. */
export async function featuredProjectIds(sql: Queryable, limit = 3): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT id FROM showcase_projects WHERE status = 'published' AND featured
      ORDER BY featured_at DESC NULLS LAST LIMIT $1`,
    [limit],
  )
  return rows.map((row) => Number(row.id))
}
