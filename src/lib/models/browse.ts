import type { Queryable } from '../db'
import type { ModelSort } from './constants'

/** Who is browsing, as the SQL visibility rule needs it (mirrors src/access/modelAccess.ts). */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'staff' }
  | { kind: 'person'; id: number; memberOf: number[]; manages: number[] }

export type BrowseFilters = {
  q?: string
  task?: string
  framework?: string
  license?: string
  tag?: string
  owner?: string
  sampleRate?: number
  metric?: string
  dataset?: string
  min?: number
  sort?: ModelSort
  page?: number
}

export const MODELS_PER_PAGE = 24

type Built = { where: string[]; values: unknown[] }

const push = (built: Built, value: unknown) => {
  built.values.push(value)
  return `$${built.values.length}`
}

/** The rule of who sees a published model, as SQL over `m`. */
function visibility(built: Built, viewer: Viewer): string {
  if (viewer.kind === 'staff') return 'TRUE'
  const open = `m.visibility = 'public'`
  if (viewer.kind === 'anonymous') return open
  const me = push(built, viewer.id)
  // As array literals: the Drizzle binding spreads a JS array into a list.
  const member = push(built, `{${viewer.memberOf.map(Number).join(',')}}`)
  const manages = push(built, `{${viewer.manages.map(Number).join(',')}}`)
  return `(${open} OR m.owner_id = ${me}
           OR (m.visibility = 'organization' AND m.organization_id = ANY(${member}::int[]))
           OR m.organization_id = ANY(${manages}::int[]))`
}

const VECTOR = 'model_search_vector(m.name, m.summary, m.tags_text, m.card)'

/** The WHERE of a browse query: published, visible, and every filter but `except`. */
function conditions(viewer: Viewer, filters: BrowseFilters, except?: keyof BrowseFilters): Built {
  const built: Built = { where: [`m.status = 'published'`], values: [] }
  built.where.push(visibility(built, viewer))
  const is = (name: keyof BrowseFilters) => filters[name] !== undefined && except !== name
  if (is('task')) built.where.push(`m.task::text = ${push(built, filters.task)}`)
  if (is('framework')) built.where.push(`m.framework::text = ${push(built, filters.framework)}`)
  if (is('license')) built.where.push(`m.license::text = ${push(built, filters.license)}`)
  // Names people type (owner, tag, metric, dataset) match whatever their case.
  if (is('owner')) built.where.push(`lower(m.owner_handle) = lower(${push(built, filters.owner)})`)
  if (is('sampleRate')) built.where.push(`m.audio_sample_rate = ${push(built, filters.sampleRate)}`)
  if (is('tag')) {
    built.where.push(
      `EXISTS (SELECT 1 FROM ml_models_tags t WHERE t._parent_id = m.id AND lower(t.tag) = lower(${push(built, filters.tag)}))`,
    )
  }
  if (filters.metric && filters.min !== undefined && except !== 'metric') {
    const dataset = filters.dataset
      ? ` AND lower(x.dataset) = lower(${push(built, filters.dataset)})`
      : ''
    built.where.push(
      `EXISTS (SELECT 1 FROM ml_models_metrics x WHERE x._parent_id = m.id
                AND lower(x.name) = lower(${push(built, filters.metric)})${dataset}
                AND x.value >= ${push(built, filters.min)})`,
    )
  }
  if (filters.q) {
    built.where.push(`${VECTOR} @@ websearch_to_tsquery('english', ${push(built, filters.q)})`)
  }
  return built
}

const ORDER: Record<ModelSort, string> = {
  trending: 'm.trending DESC, m.downloads DESC, m.id DESC',
  downloads: 'm.downloads DESC, m.id DESC',
  stars: 'm.stars DESC, m.id DESC',
  updated: 'm.updated_at DESC, m.id DESC',
  newest: 'm.published_at DESC NULLS LAST, m.id DESC',
}

export type BrowsePage = { ids: number[]; total: number; page: number; totalPages: number }

/**
 * One page of the hub: the ids of published models the viewer sees that match, best first — by
 * search rank when there is a query and no chosen sort — and how many match in all. The page
 * then loads them through the Local API with access control, so this SQL only orders.
 */
export async function browseModelIds(
  sql: Queryable,
  viewer: Viewer,
  filters: BrowseFilters,
): Promise<BrowsePage> {
  const built = conditions(viewer, filters)
  const page = Math.max(1, filters.page ?? 1)
  const rank = filters.q
    ? `ts_rank_cd(${VECTOR}, websearch_to_tsquery('english', $${built.values.indexOf(filters.q) + 1})) DESC, `
    : ''
  const order = filters.sort ? ORDER[filters.sort] : `${rank}${ORDER.trending}`
  const limit = push(built, MODELS_PER_PAGE)
  const offset = push(built, (page - 1) * MODELS_PER_PAGE)
  const { rows } = await sql.query<{ id: number; total: string }>(
    `SELECT m.id, count(*) OVER () AS total FROM ml_models m
      WHERE ${built.where.join(' AND ')}
      ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    built.values,
  )
  let total = Number(rows[0]?.total ?? 0)
  if (!rows.length && page > 1) {
    const counted = conditions(viewer, filters)
    const { rows: count } = await sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM ml_models m WHERE ${counted.where.join(' AND ')}`,
      counted.values,
    )
    total = Number(count[0]?.n ?? 0)
  }
  return {
    ids: rows.map((row) => Number(row.id)),
    total,
    page,
    totalPages: Math.max(1, Math.ceil(total / MODELS_PER_PAGE)),
  }
}

export type Facets = Record<
  'task' | 'framework' | 'license' | 'tag' | 'owner',
  { value: string; count: number }[]
>

/** How many values a free-text facet (tags, owners) offers: the most used. */
const FACET_LIMIT = 20

/**
 * How many models each facet value would show, the other filters kept (so choosing a task
 * shows how many of each framework remain): one grouped query per facet.
 */
export async function browseFacets(
  sql: Queryable,
  viewer: Viewer,
  filters: BrowseFilters,
): Promise<Facets> {
  const facet = async (
    name: 'task' | 'framework' | 'license' | 'owner',
    column: string,
    limit = '',
  ) => {
    const built = conditions(viewer, filters, name)
    const { rows } = await sql.query<{ value: string; count: string }>(
      `SELECT ${column}::text AS value, count(*) AS count FROM ml_models m
        WHERE ${built.where.join(' AND ')} AND ${column} IS NOT NULL
        GROUP BY 1 ORDER BY 2 DESC, 1${limit}`,
      built.values,
    )
    return rows.map((row) => ({ value: row.value, count: Number(row.count) }))
  }
  const tags = conditions(viewer, filters, 'tag')
  const [task, framework, license, owner, tag] = await Promise.all([
    facet('task', 'm.task'),
    facet('framework', 'm.framework'),
    facet('license', 'm.license'),
    facet('owner', 'm.owner_handle', ` LIMIT ${FACET_LIMIT}`),
    sql
      .query<{ value: string; count: string }>(
        `SELECT t.tag AS value, count(*) AS count FROM ml_models m
           JOIN ml_models_tags t ON t._parent_id = m.id
          WHERE ${tags.where.join(' AND ')} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}`,
        tags.values,
      )
      .then(({ rows }) => rows.map((row) => ({ value: row.value, count: Number(row.count) }))),
  ])
  return { task, framework, license, tag, owner }
}
