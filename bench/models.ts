/**
 * npm run bench:models [-- --models 10000 --runs 60] — the model hub's browse page on many
 * models: each query the page runs (one page of ids plus the facet counts, src/lib/models/
 * browse.ts) for typical views — trending, a task facet, a tag, a metric threshold, a full-text
 * search, a signed-in member — p50/p95 ms over many runs, next to a bare indexed
 * `SELECT … ORDER BY id LIMIT 24` on the same table in the same run (the floor). Seeds the
 * models first (printing how long that took) unless enough are there. Uses DATABASE_URL when
 * set, otherwise embedded Postgres. Prints numbers; asserts nothing.
 */
import { parseArgs } from 'node:util'

import { db } from '../src/lib/db'
import {
  browseFacets,
  browseModelIds,
  type BrowseFilters,
  type Viewer,
} from '../src/lib/models/browse'
import { FRAMEWORKS, LICENSES, MODEL_TASKS } from '../src/lib/models/constants'
import { shutdown } from '../src/runtime/boot'
import { percentile } from './load'
import { benchUser, startBench } from './setup'

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '60' },
  },
})
const MODELS = Number(values.models)
const RUNS = Number(values.runs)
const GOAL_MS = 100

const payload = await startBench()
const sql = await db({ payload })

const { rows: existing } = await sql.query<{ n: string }>(
  `SELECT count(*) AS n FROM ml_models WHERE slug LIKE 'bench-%'`,
)
if (Number(existing[0].n) < MODELS) {
  const started = performance.now()
  const owner = await benchUser(payload, 'models')
  const list = (items: readonly string[]) => `ARRAY[${items.map((i) => `'${i}'`).join(',')}]`
  const WORDS = [
    'genre',
    'drums',
    'vocals',
    'piano',
    'lofi',
    'techno',
    'jazz',
    'ambient',
    'bass',
    'mood',
  ]
  await sql.query(
    `INSERT INTO ml_models (name, slug, summary, card, owner_id, owner_handle, visibility, status,
                           task, framework, license, audio_sample_rate, downloads, stars, forks,
                           trending, published_at, tags_text, updated_at, created_at)
     SELECT 'Bench model ' || g, 'bench-' || g || '-' || $2,
            'A ' || (${list(WORDS)})[1 + g % 10] || ' model for ' || (${list(WORDS)})[1 + (g / 10) % 10] || ' audio.',
            '## Card ' || g || E'\\n\\nTrained on ' || (${list(WORDS)})[1 + (g / 7) % 10] || ' recordings.',
            $1, 'bench-owner-' || (g % 50),
            (CASE WHEN g % 10 = 0 THEN 'private' ELSE 'public' END)::enum_ml_models_visibility,
            'published',
            (${list(MODEL_TASKS)})[1 + g % ${MODEL_TASKS.length}]::enum_ml_models_task,
            (${list(FRAMEWORKS)})[1 + (g / 3) % ${FRAMEWORKS.length}]::enum_ml_models_framework,
            (${list(LICENSES)})[1 + (g / 5) % ${LICENSES.length}]::enum_ml_models_license,
            (ARRAY[16000, 22050, 44100, 48000])[1 + g % 4],
            (g * 7919) % 5000, (g * 104729) % 300, g % 7, (g * 31) % 900,
            now() - (g || ' minutes')::interval,
            (${list(WORDS)})[1 + g % 10] || ' ' || (${list(WORDS)})[1 + (g / 3) % 10],
            now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, $3::int) g`,
    [owner.id, Date.now().toString(36), MODELS],
  )
  await sql.query(
    `INSERT INTO ml_models_tags (_order, _parent_id, id, tag)
     SELECT n, m.id, md5(m.id || '-' || n), split_part(m.tags_text, ' ', n)
       FROM ml_models m, generate_series(1, 2) n
      WHERE m.slug LIKE 'bench-%' AND NOT EXISTS (SELECT 1 FROM ml_models_tags t WHERE t._parent_id = m.id)
     ON CONFLICT DO NOTHING`,
  )
  await sql.query(
    `INSERT INTO ml_models_metrics (_order, _parent_id, id, name, value, dataset, split)
     SELECT 1, m.id, md5('metric-' || m.id), 'accuracy', 0.5 + (m.id % 500) / 1000.0,
            (ARRAY['GTZAN', 'FMA-medium', 'MagnaTagATune'])[1 + m.id % 3], 'test'
       FROM ml_models m WHERE m.slug LIKE 'bench-%'
        AND NOT EXISTS (SELECT 1 FROM ml_models_metrics x WHERE x._parent_id = m.id)`,
  )
  await sql.query('ANALYZE ml_models; ANALYZE ml_models_tags; ANALYZE ml_models_metrics')
  console.log(
    `Seeded ${MODELS.toLocaleString('en')} models in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  )
}
const { rows: total } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM ml_models')
console.log(`${Number(total[0].n).toLocaleString('en')} models in the table.\n`)

const member: Viewer = { kind: 'person', id: 1, memberOf: [1], manages: [1] }
const anonymous: Viewer = { kind: 'anonymous' }
const VIEWS: [string, Viewer, BrowseFilters][] = [
  ['trending (anonymous)', anonymous, {}],
  ['task facet', anonymous, { task: 'tagging' }],
  [
    'task + framework + license',
    anonymous,
    { task: 'embedding', framework: 'pytorch', license: 'MIT' },
  ],
  ['tag facet', anonymous, { tag: 'drums' }],
  ['accuracy ≥ 0.9 on GTZAN', anonymous, { metric: 'accuracy', dataset: 'GTZAN', min: 0.9 }],
  ['full-text search "jazz drums"', anonymous, { q: 'jazz drums' }],
  ['search + task, most starred', anonymous, { q: 'vocals', task: 'transcription', sort: 'stars' }],
  ['page 20, newest', anonymous, { sort: 'newest', page: 20 }],
  ['signed-in member, tag', member, { tag: 'piano' }],
]

const time = async (work: () => Promise<unknown>) => {
  const samples: number[] = []
  for (let i = 0; i < 3; i++) await work()
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) }
}

const rows: string[][] = []
const baseline = await time(() => sql.query(`SELECT id FROM ml_models ORDER BY id DESC LIMIT 24`))
rows.push([
  'baseline: bare indexed SELECT … LIMIT 24',
  baseline.p50.toFixed(1),
  baseline.p95.toFixed(1),
  '',
])
for (const [label, viewer, filters] of VIEWS) {
  let matches = 0
  const result = await time(async () => {
    const [page] = await Promise.all([
      browseModelIds(sql, viewer, filters),
      browseFacets(sql, viewer, filters),
    ])
    matches = page.total
  })
  rows.push([
    `${label} (${matches.toLocaleString('en')} match)`,
    result.p50.toFixed(1),
    result.p95.toFixed(1),
    result.p95 <= GOAL_MS ? 'ok' : `over ${GOAL_MS} ms`,
  ])
}
const width = Math.max(...rows.map((row) => row[0].length))
console.log(`${'query (ids + facet counts)'.padEnd(width)}  p50 ms  p95 ms`)
for (const [label, p50, p95, verdict] of rows) {
  console.log(`${label.padEnd(width)}  ${p50.padStart(6)}  ${p95.padStart(6)}  ${verdict}`)
}
await shutdown(0)
