/**
 * npm run bench:showcase — the showcase's list page (/showcase, ranked "hot" by counted votes)
 * and a project page from the production build, with the demo showcase plus 2,000 published
 * projects and their votes seeded, next to a bare node:http server answering the list page's
 * HTML, in one run. Needs `npm run build` first. Prints numbers; asserts nothing. Uses
 * DATABASE_URL / REDIS_URL when set, otherwise embedded Postgres and the in-process store.
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

import { db } from '../src/lib/db'
import { onShutdown, shutdown } from '../src/runtime/boot'
import { seedDemo } from '../src/seed/demo'
import {
  measureHttp,
  printRows,
  startBareHtmlServer,
  startPortal,
  stopOnShutdown,
  type Row,
} from './load'
import { startBench } from './setup'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 2_000)
const BARE_PORT = 3295
const NEXT_PORT = 3296
const GOAL_P95_MS = 100
const PREFIX = 'bench-project-'

const rows: Row[] = []
const children: ChildProcess[] = []

if (!fs.existsSync('.next/standalone/portal-server.mjs')) {
  console.log('bench:showcase needs a production build: run `npm run build` first')
  process.exit(1)
}

const payload = await startBench()
stopOnShutdown(onShutdown, children)
await seedDemo(payload)
const sql = await db({ payload })

/** The columns of `table` but `skip`, quoted, for copying rows in plain SQL. */
async function columnsOf(table: string, skip: string[]): Promise<string[]> {
  const { rows: columns } = await sql.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  )
  return columns.map((c) => c.name).filter((name) => !skip.includes(name))
}

/**
 * Copies of the demo's published projects (story, screenshots, makers, tags, topics) published
 * over the last 90 days, with votes from the demo's voters (plain SQL: this many through the API
 * would take long and send notices).
 */
async function seedProjects(): Promise<number> {
  const { rows: existing } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM showcase_projects WHERE slug LIKE $1',
    [`${PREFIX}%`],
  )
  if (Number(existing[0].n) >= PROJECTS) return 0
  const started = Date.now()
  const copied = await columnsOf('showcase_projects', [
    'id',
    'title',
    'slug',
    'featured',
    'featured_at',
    'published_at',
    'votes',
    'created_at',
    'updated_at',
  ])
  const list = copied.map((name) => `t."${name}"`).join(', ')
  await sql.query(
    `WITH templates AS (
       SELECT row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total, *
         FROM showcase_projects WHERE status = 'published' AND slug NOT LIKE $1)
     INSERT INTO showcase_projects (${copied.map((name) => `"${name}"`).join(', ')},
                                    title, slug, featured, published_at, votes, created_at, updated_at)
     SELECT ${list}, left(t.title || ' ' || g, 80), $1 || g, false,
            now() - (g % 2160) * interval '1 hour', 0, now(), now()
       FROM generate_series(1, $2::int) g
       JOIN templates t ON t.n = 1 + g % t.total`,
    [PREFIX, PROJECTS],
  )
  // Each copy's template, by the number in its slug (as picked above).
  const copies = `WITH templates AS (
                    SELECT row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total, id
                      FROM showcase_projects WHERE status = 'published' AND slug NOT LIKE $1)
                  SELECT c.id AS copy, t.id AS template FROM showcase_projects c
                    JOIN templates t ON t.n = 1 + substring(c.slug FROM ${PREFIX.length + 1})::int % t.total
                   WHERE c.slug LIKE $1`
  for (const table of [
    'showcase_projects_screenshots',
    'showcase_projects_makers',
    'showcase_projects_tags',
  ]) {
    const cols = await columnsOf(table, ['_parent_id', 'id'])
    await sql.query(
      `INSERT INTO ${table} (_parent_id, id, ${cols.map((c) => `"${c}"`).join(', ')})
       SELECT m.copy, md5(m.copy || '-' || r.id), ${cols.map((c) => `r."${c}"`).join(', ')}
         FROM (${copies}) m JOIN ${table} r ON r._parent_id = m.template
       ON CONFLICT DO NOTHING`,
      [`${PREFIX}%`],
    )
  }
  const rels = await columnsOf('showcase_projects_rels', ['parent_id', 'id'])
  await sql.query(
    `INSERT INTO showcase_projects_rels (parent_id, ${rels.map((c) => `"${c}"`).join(', ')})
     SELECT m.copy, ${rels.map((c) => `r."${c}"`).join(', ')}
       FROM (${copies}) m JOIN showcase_projects_rels r ON r.parent_id = m.template`,
    [`${PREFIX}%`],
  )
  await sql.query(
    `INSERT INTO project_votes (project_id, user_id, created_at, updated_at)
     SELECT p.id, u.id, p.published_at + interval '1 hour', now()
       FROM showcase_projects p
       JOIN (SELECT DISTINCT user_id AS id FROM project_votes) u ON (p.id + u.id) % 3 = 0
      WHERE p.slug LIKE $1
     ON CONFLICT DO NOTHING`,
    [`${PREFIX}%`],
  )
  await sql.query(
    `UPDATE showcase_projects p SET votes = v.n
       FROM (SELECT project_id, count(*)::int AS n FROM project_votes GROUP BY 1) v
      WHERE v.project_id = p.id AND p.slug LIKE $1`,
    [`${PREFIX}%`],
  )
  await sql.query(
    'ANALYZE showcase_projects; ANALYZE project_votes; ANALYZE showcase_projects_rels',
  )
  return Date.now() - started
}

const seededMs = await seedProjects()
const { rows: stats } = await sql.query<{ projects: number; votes: number; slug: string }>(
  `SELECT (SELECT count(*)::int FROM showcase_projects WHERE status = 'published') AS projects,
          (SELECT count(*)::int FROM project_votes) AS votes,
          (SELECT slug FROM showcase_projects WHERE status = 'published' AND slug NOT LIKE $1
            ORDER BY comments DESC, votes DESC LIMIT 1) AS slug`,
  [`${PREFIX}%`],
)
const { projects, votes, slug } = stats[0]

async function http(name: string, url: string, connections = CONNECTIONS): Promise<Row> {
  const row = await measureHttp(name, { url, connections }, DURATION_S)
  rows.push(row)
  return row
}

const portal = await startPortal(children, NEXT_PORT)
const first = await fetch(`${portal}/showcase`)
if (!first.ok) throw new Error(`/showcase answered ${first.status}`)
const html = await first.text()
const projectPath = `/showcase/projects/${slug}`
const page = await fetch(`${portal}${projectPath}`)
if (!page.ok) throw new Error(`${projectPath} answered ${page.status}`)
const pageKiB = ((await page.text()).length / 1024).toFixed(0)
const bareUrl = await startBareHtmlServer(children, BARE_PORT, html)
console.log(
  `bench:showcase on ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION_S}s per run; ` +
    `${projects} published projects, ${votes} votes${seededMs ? ` (seeded in ${(seededMs / 1000).toFixed(1)} s)` : ''}; ` +
    `list page /showcase (${(html.length / 1024).toFixed(0)} KiB), project page ${projectPath} (${pageKiB} KiB)`,
)
const bare = await http('bare node:http, same list HTML', bareUrl)
const listAlone = await http('list page, 1 connection', `${portal}/showcase`, 1)
const list = await http('list page /showcase (hot)', `${portal}/showcase`)
await http('list page, top this week', `${portal}/showcase?sort=week`)
await http('list page, search "mix"', `${portal}/showcase?q=mix`)
await http('list page, page 20', `${portal}/showcase?page=20`)
const pageAlone = await http('project page, 1 connection', `${portal}${projectPath}`, 1)
const project = await http('project page', `${portal}${projectPath}`)

printRows(rows, bare, 34)
console.log(
  `\ngoal: ≤ ${GOAL_P95_MS} ms p95 — list page ${(listAlone.p95 ?? 0).toFixed(1)} ms alone, ` +
    `${(list.p95 ?? 0).toFixed(1)} ms at ${CONNECTIONS} connections; project page ` +
    `${(pageAlone.p95 ?? 0).toFixed(1)} ms alone, ${(project.p95 ?? 0).toFixed(1)} ms at ${CONNECTIONS} connections`,
)
await shutdown(0)
