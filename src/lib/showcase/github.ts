import { env } from '../env'
import type { Queryable } from '../db'
import { parseRepo } from './constants'

export type RepoFacts = {
  description: string | null
  stars: number
  language: string | null
  topics: string[]
  license: string | null
  pushedAt: string | null
}

export type FetchResult =
  | { kind: 'fresh'; facts: RepoFacts; etag: string | null }
  | { kind: 'unchanged' }
  | { kind: 'missing'; message: string }
  | { kind: 'limited'; resetAt: Date }

const TIMEOUT_MS = 10_000

const str = (value: unknown, max = 500) =>
  typeof value === 'string' && value ? value.slice(0, max) : null

/** GitHub's repository answer, reduced to what the page shows (anything odd is dropped). */
export function repoFacts(body: Record<string, unknown>): RepoFacts {
  const license = body.license as { spdx_id?: unknown; name?: unknown } | null | undefined
  const spdx = str(license?.spdx_id, 60)
  return {
    description: str(body.description),
    stars: Number.isFinite(Number(body.stargazers_count)) ? Number(body.stargazers_count) : 0,
    language: str(body.language, 60),
    topics: Array.isArray(body.topics)
      ? body.topics
          .filter((t): t is string => typeof t === 'string')
          .slice(0, 20)
          .map((t) => t.slice(0, 50))
      : [],
    license: spdx && spdx !== 'NOASSERTION' ? spdx : str(license?.name, 60),
    pushedAt: str(body.pushed_at, 40),
  }
}

/**
 * Fetches a repository from GitHub's REST API (GITHUB_API_URL; GITHUB_TOKEN when set) with the
 * ETag of the last answer, so an unchanged repository costs a 304 (which GitHub does not count
 * against the rate limit). A spent rate limit comes back as `limited` with its reset time.
 * Throws on transient failures (network, 5xx) so the job's backoff applies.
 */
export async function fetchRepo(repo: string, etag: string | null): Promise<FetchResult> {
  const name = parseRepo(repo)
  if (!name) return { kind: 'missing', message: 'Not a GitHub repository name.' }
  const base = (env().GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '')
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'User-Agent': 'TuneTrail-Showcase',
    'X-GitHub-Api-Version': '2022-11-28',
  }
  const token = env().GITHUB_TOKEN
  if (token) headers.Authorization = `Bearer ${token}`
  if (etag) headers['If-None-Match'] = etag
  const response = await fetch(`${base}/repos/${name}`, {
    headers,
    redirect: 'follow',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  if (response.status === 304) return { kind: 'unchanged' }
  const remaining = response.headers.get('x-ratelimit-remaining')
  const reset = Number(response.headers.get('x-ratelimit-reset'))
  const retryAfter = Number(response.headers.get('retry-after'))
  if (response.status === 429 || (response.status === 403 && (remaining === '0' || retryAfter))) {
    const resetAt = retryAfter
      ? new Date(Date.now() + retryAfter * 1000)
      : Number.isFinite(reset) && reset > 0
        ? new Date(reset * 1000)
        : new Date(Date.now() + 60 * 60_000)
    return { kind: 'limited', resetAt }
  }
  if (response.status === 404 || response.status === 451 || response.status === 403) {
    return { kind: 'missing', message: `GitHub answered ${response.status} for ${name}.` }
  }
  if (!response.ok) throw new Error(`GitHub answered ${response.status} for ${name}`)
  const body = (await response.json()) as Record<string, unknown>
  return { kind: 'fresh', facts: repoFacts(body), etag: response.headers.get('etag') }
}

export type RefreshOutcome = FetchResult['kind'] | 'gone'

/**
 * Refreshes one project's GitHub facts and records the outcome on it. A failing fetch is noted
 * (`github_error`) and never touches the project's state: the page just shows older facts.
 */
export async function refreshProjectGithub(
  sql: Queryable,
  projectId: number,
): Promise<{ outcome: RefreshOutcome; resetAt?: Date }> {
  const { rows } = await sql.query<{ repository: string | null; github_etag: string | null }>(
    'SELECT repository, github_etag FROM showcase_projects WHERE id = $1',
    [projectId],
  )
  const project = rows[0]
  if (!project?.repository) return { outcome: 'gone' }
  let result: FetchResult
  try {
    result = await fetchRepo(project.repository, project.github_etag)
  } catch (error) {
    await sql.query('UPDATE showcase_projects SET github_error = $2 WHERE id = $1', [
      projectId,
      `Could not reach GitHub: ${(error as Error).message}`.slice(0, 300),
    ])
    throw error
  }
  if (result.kind === 'fresh') {
    const f = result.facts
    await sql.query(
      `UPDATE showcase_projects SET github_description = $2, github_stars = $3,
         github_language = $4, github_topics = $5, github_license = $6, github_pushed_at = $7,
         github_fetched_at = now(), github_error = NULL, github_etag = $8
       WHERE id = $1 AND repository = $9`,
      [
        projectId,
        f.description,
        f.stars,
        f.language,
        f.topics.join(', '),
        f.license,
        f.pushedAt,
        result.etag,
        project.repository,
      ],
    )
  } else if (result.kind === 'unchanged') {
    await sql.query(
      'UPDATE showcase_projects SET github_fetched_at = now(), github_error = NULL WHERE id = $1',
      [projectId],
    )
  } else if (result.kind === 'missing') {
    await sql.query(
      `UPDATE showcase_projects SET github_error = $2, github_etag = NULL, github_fetched_at = now()
        WHERE id = $1`,
      [projectId, result.message],
    )
  }
  return { outcome: result.kind, resetAt: result.kind === 'limited' ? result.resetAt : undefined }
}

/** Projects whose facts are a day old (or never fetched): the daily refresh's list. */
export async function staleGithubProjects(sql: Queryable, limit = 500): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT id FROM showcase_projects WHERE repository IS NOT NULL
        AND (github_fetched_at IS NULL OR github_fetched_at < now() - interval '20 hours')
      ORDER BY github_fetched_at NULLS FIRST LIMIT $1`,
    [limit],
  )
  return rows.map((row) => Number(row.id))
}
