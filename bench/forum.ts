/**
 * npm run bench:forum — the community's thread and list pages from the production build with
 * 100,000 replies seeded, next to a bare node:http server answering the thread's HTML, in one
 * run. Needs `npm run build` first. Prints numbers; asserts nothing. Uses DATABASE_URL /
 * REDIS_URL when set, otherwise embedded Postgres and the in-process store.
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { db } from '../src/lib/db'
import { onShutdown, shutdown } from '../src/runtime/boot'
import { seedDemo } from '../src/seed/demo'
import { measureHttp, startProcess, waitUntilUp, type Row } from './load'
import { startBench } from './setup'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100_000)
const PER_THREAD = 50
const BARE_PORT = 3297
const NEXT_PORT = 3298
const GOAL_P95_MS = 60
const MARK = '[bench] '

const rows: Row[] = []
const children: ChildProcess[] = []

if (!fs.existsSync('.next/standalone/portal-server.mjs')) {
  console.log('bench:forum needs a production build: run `npm run build` first')
  process.exit(1)
}

const payload = await startBench()
onShutdown(async () => {
  for (const child of children) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
})
await seedDemo(payload)
const sql = await db({ payload })

/** 100,000 replies in threads of 50 (plain SQL: this many through the API would take an hour). */
async function seedReplies(): Promise<number> {
  const { rows: existing } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM replies r JOIN discussions d ON d.id = r.discussion_id
      WHERE d.title LIKE $1`,
    [`${MARK}%`],
  )
  if (Number(existing[0].n) >= REPLIES) return 0
  const started = Date.now()
  const threads = Math.ceil(REPLIES / PER_THREAD)
  await sql.query(
    `INSERT INTO discussions (title, slug, category_id, kind, body, author_id, status, is_pinned,
                              moderation_state, reply_count, vote_count, view_count, is_solved,
                              last_activity_at, created_at, updated_at)
     SELECT $1 || 'How do I tune the tempo model for set ' || g, 'bench-' || g,
            (SELECT id FROM forum_categories ORDER BY "order" LIMIT 1 OFFSET 2),
            'question', 'We analyse **set ' || g || '** and the tempo is off by a factor of two. Any idea?',
            (SELECT id FROM users WHERE username = 'leo'), 'open', false, 'visible', 0, 0, 0, false,
            now() - g * interval '1 minute', now() - g * interval '1 minute', now()
       FROM generate_series(1, $2::int) g`,
    [MARK, threads],
  )
  await sql.query(
    `INSERT INTO replies (discussion_id, body, author_id, moderation_state, is_thread_visible,
                          is_edited_by_moderator, created_at, updated_at)
     SELECT d.id,
            'Reply ' || n || E': try the half-time candidate.\n\n\`\`\`python\nbpm = r["tempo_candidates"][1]["bpm"]\n\`\`\`',
            (SELECT id FROM users WHERE username = CASE WHEN n % 2 = 0 THEN 'maya' ELSE 'priya-dsp' END),
            'visible', true, false, d.created_at + n * interval '1 second', now()
       FROM discussions d, generate_series(1, $2::int) n
      WHERE d.title LIKE $1`,
    [`${MARK}%`, PER_THREAD],
  )
  await sql.query(
    `UPDATE discussions d SET reply_count = s.n, last_activity_at = s.last
       FROM (SELECT discussion_id, count(*)::int AS n, max(created_at) AS last FROM replies GROUP BY 1) s
      WHERE s.discussion_id = d.id AND d.title LIKE $1`,
    [`${MARK}%`],
  )
  await sql.query('ANALYZE discussions; ANALYZE replies; ANALYZE reactions')
  return Date.now() - started
}

const seededMs = await seedReplies()
const { rows: stats } = await sql.query<{ replies: number; discussions: number; thread: number }>(
  `SELECT (SELECT count(*)::int FROM replies) AS replies,
          (SELECT count(*)::int FROM discussions) AS discussions,
          (SELECT id FROM discussions WHERE title LIKE $1 ORDER BY id LIMIT 1) AS thread`,
  [`${MARK}%`],
)
const { replies, discussions, thread } = stats[0]

async function http(name: string, url: string, connections = CONNECTIONS): Promise<Row> {
  const row = await measureHttp(name, { url, connections }, DURATION_S)
  rows.push(row)
  return row
}

startProcess(children, 'node', ['.next/standalone/portal-server.mjs'], {
  NODE_ENV: 'production',
  PORT: String(NEXT_PORT),
  HOSTNAME: '127.0.0.1',
  WORKER: 'off',
  VERIFIER: 'off',
  DATA_DIR: process.env.DATA_DIR ?? `${process.cwd()}/.data`,
})
const portal = `http://127.0.0.1:${NEXT_PORT}`
await waitUntilUp(`${portal}/login`)
const threadPath = `/community/discussions/${thread}`
const first = await fetch(`${portal}${threadPath}`)
if (!first.ok) throw new Error(`${threadPath} answered ${first.status}`)
const html = await first.text()
const shown = (html.match(/id="reply-\d+"/g) ?? []).length
const htmlFile = path.join(os.tmpdir(), `bench-forum-${process.pid}.html`)
fs.writeFileSync(htmlFile, html)
startProcess(
  children,
  'node',
  [
    '-e',
    `const b=require('fs').readFileSync(process.env.BENCH_HTML);require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8'});s.end(b)}).listen(${BARE_PORT})`,
  ],
  { BENCH_HTML: htmlFile },
)
console.log(
  `bench:forum on ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION_S}s per run; ` +
    `${replies} replies in ${discussions} discussions${seededMs ? ` (seeded in ${(seededMs / 1000).toFixed(1)} s)` : ''}; ` +
    `thread page ${threadPath} shows ${shown} replies (${(html.length / 1024).toFixed(0)} KiB)`,
)
await waitUntilUp(`http://127.0.0.1:${BARE_PORT}/`)
const bare = await http('bare node:http, same thread HTML', `http://127.0.0.1:${BARE_PORT}/`)
const alone = await http(`thread page, 1 connection`, `${portal}${threadPath}`, 1)
const threadRow = await http(`thread page (${PER_THREAD} replies)`, `${portal}${threadPath}`)
await http('list page, 1 connection', `${portal}/community/discussions`, 1)
await http('list page /community/discussions', `${portal}/community/discussions`)
await http('list page, page 40', `${portal}/community/discussions?page=40`)
await http('list page, search "tempo model"', `${portal}/community/discussions?q=tempo+model`)
await http(
  'list page, category + top',
  `${portal}/community/discussions?category=ml-models&sort=top`,
)

const pad = (text: string, width: number) => text.padEnd(width)
console.log(
  `\n${pad('target', 40)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('failed', 8)}vs bare node`,
)
for (const row of rows) {
  console.log(
    `${pad(row.name, 40)}${pad(Math.round(row.rps).toString(), 9)}${pad(row.p50.toFixed(1), 9)}${pad(
      (row.p95 ?? 0).toFixed(1),
      9,
    )}${pad(row.p99.toFixed(1), 9)}${pad(String(row.failures), 8)}${((row.rps / bare.rps) * 100).toFixed(1)}%`,
  )
}
console.log(
  `\ngoal: a ${PER_THREAD}-reply thread page ≤ ${GOAL_P95_MS} ms p95: ${(alone.p95 ?? 0).toFixed(1)} ms ` +
    `alone, ${(threadRow.p95 ?? 0).toFixed(1)} ms at ${CONNECTIONS} connections`,
)
fs.rmSync(htmlFile)
await shutdown(0)
