import type { Payload } from 'payload'

import { db } from '@/lib/db'
import { generateScreenshot } from '@/lib/showcase/screenshot'
import type { User } from '@/payload-types'

import { SHOWCASE_PROJECTS, SHOWCASE_TOPICS, SHOWCASE_VOTERS } from './showcaseContent'
import { seedKeys } from './usageAccounts'

const DAY = 86_400_000
const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/**
 * The demo showcase: the curated topics, 17 projects with generated screenshots, makers, tech
 * badges, models, GitHub facts and votes (published over the last two months, two featured,
 * one waiting for review, one draft), and a personal key with real usage behind one project's
 * verified-usage badge. Created once; running it again changes nothing. System writes: no events
 * or notices for the past, and no GitHub fetch (the daily refresh takes over).
 */
export async function seedShowcase(payload: Payload): Promise<string[]> {
  const sql = await db({ payload })
  const { rows: existing } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM showcase_projects',
  )
  if (Number(existing[0]?.n) > 0) return []
  const topicIds = new Map<string, number>()
  for (const [kind, names] of [
    ['tech', SHOWCASE_TOPICS.tech],
    ['use-case', SHOWCASE_TOPICS.useCase],
  ] as const) {
    for (const name of names) {
      const slug = slugify(name)
      const found = await payload.find({
        collection: 'showcase-topics',
        where: { slug: { equals: slug } },
        limit: 1,
        overrideAccess: true,
      })
      const doc =
        found.docs[0] ??
        (await payload.create({
          collection: 'showcase-topics',
          data: { name, slug, kind },
          overrideAccess: true,
        }))
      topicIds.set(name, doc.id)
    }
  }
  for (const username of SHOWCASE_VOTERS) {
    const found = await payload.count({
      collection: 'users',
      where: { username: { equals: username } },
      overrideAccess: true,
    })
    if (found.totalDocs) continue
    const voter = await payload.create({
      collection: 'users',
      data: {
        username,
        name: username.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
        email: `${username}@demo.tunetrail.dev`,
        password: 'demo-member-pass',
        roles: ['member'],
        _verified: true,
      },
      overrideAccess: true,
      disableVerificationEmail: true,
    })
    // Long-standing listeners: their votes count in the ranking (a new account's wait a day).
    await sql.query(`UPDATE users SET created_at = now() - interval '120 days' WHERE id = $1`, [
      voter.id,
    ])
  }
  const { rows: users } = await sql.query<{ id: number; username: string }>(
    `SELECT id, username FROM users ORDER BY (created_at < now() - interval '1 day') DESC, id`,
  )
  const userId = new Map(users.map((u) => [u.username, u.id]))
  const { rows: models } = await sql.query<{ id: number; handle: string }>(
    `SELECT id, owner_handle || '/' || slug AS handle FROM ml_models`,
  )
  const modelId = new Map(models.map((m) => [m.handle, m.id]))
  let count = 0
  for (const seed of SHOWCASE_PROJECTS) {
    const owner = userId.get(seed.owner)
    if (!owner) continue
    const user = (await payload.findByID({
      collection: 'users',
      id: owner,
      depth: 0,
      overrideAccess: true,
    })) as User
    const as = { ...user, collection: 'users' as const }
    const screenshots = []
    for (const [variant, alt] of seed.shots.entries()) {
      const png = await generateScreenshot(seed.title, { hue: seed.hue, variant })
      const media = await payload.create({
        collection: 'media',
        data: { alt },
        file: {
          data: png,
          mimetype: 'image/png',
          name: `${seed.slug}-${variant + 1}.png`,
          size: png.length,
        },
        overrideAccess: true,
        user: as,
      })
      screenshots.push({ image: media.id, alt })
    }
    const makerIds = (seed.makers ?? [])
      .map((name) => userId.get(name))
      .filter((id) => id !== undefined)
    const project = await payload.create({
      collection: 'showcase-projects',
      data: {
        title: seed.title,
        slug: seed.slug,
        tagline: seed.tagline,
        story: {
          whatItDoes: seed.whatItDoes,
          howBuilt: seed.howBuilt,
          challenges: seed.challenges,
          whatsNext: seed.whatsNext,
        },
        screenshots,
        demoUrl: seed.demoUrl,
        demoVideo: seed.demoVideo,
        repository: seed.repository,
        makers: [{ user: owner }, ...makerIds.map((id) => ({ user: id }))],
        techStack: seed.tech.map((name) => topicIds.get(name)).filter((id) => id !== undefined),
        useCases: seed.useCases.map((name) => topicIds.get(name)).filter((id) => id !== undefined),
        tags: seed.tags.map((tag) => ({ tag })),
        models: (seed.models ?? []).map((h) => modelId.get(h)).filter((id) => id !== undefined),
        status: 'draft',
      },
      depth: 0,
      overrideAccess: true,
      user: as,
      context: { isSeed: true },
    })
    const status = seed.status ?? 'published'
    const publishedAt = new Date(Date.now() - seed.daysAgo * DAY - (count % 7) * 3_600_000)
    await sql.query(
      `UPDATE showcase_projects SET status = $2, published_at = $3, featured = $4,
         featured_at = CASE WHEN $4 THEN now() - make_interval(hours => $5) END
       WHERE id = $1`,
      [
        project.id,
        status,
        status === 'published' ? publishedAt.toISOString() : null,
        Boolean(seed.featured),
        count,
      ],
    )
    await sql.query('UPDATE showcase_projects_makers SET accepted = true WHERE _parent_id = $1', [
      project.id,
    ])
    if (seed.repository) {
      await sql.query(
        `UPDATE showcase_projects SET github_description = $2, github_stars = $3,
           github_language = $4, github_topics = $5, github_license = 'MIT',
           github_pushed_at = now() - interval '3 days', github_fetched_at = now()
         WHERE id = $1`,
        [
          project.id,
          seed.tagline,
          40 + seed.votes * 17,
          seed.tech[0] === 'Python' ? 'Python' : 'TypeScript',
          seed.tags.join(', '),
        ],
      )
    }
    if (status === 'published' && seed.votes > 0) {
      const makers = new Set([owner, ...makerIds])
      const voters = users.filter((u) => !makers.has(u.id)).slice(0, seed.votes)
      for (const [i, voter] of voters.entries()) {
        await sql.query(
          `INSERT INTO project_votes (project_id, user_id, created_at, updated_at)
           VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`,
          [
            project.id,
            voter.id,
            new Date(publishedAt.getTime() + (i + 1) * 1_800_000).toISOString(),
          ],
        )
      }
      await sql.query(
        `UPDATE showcase_projects SET votes = (SELECT count(*) FROM project_votes WHERE project_id = $1)
          WHERE id = $1`,
        [project.id],
      )
    }
    count++
  }
  await seedUsageBadge(payload, userId.get('maya'))
  return [`${count} showcase projects`]
}

/** Maya's personal key behind BeatMatch DJ, with 30 days of reported calls. */
async function seedUsageBadge(payload: Payload, maya: number | undefined) {
  if (!maya) return
  const user = (await payload.findByID({
    collection: 'users',
    id: maya,
    overrideAccess: true,
  })) as User
  const [key] = await seedKeys(
    payload,
    user,
    [{ name: 'BeatMatch DJ', environment: 'production', weight: 1 }],
    null,
  )
  const sql = await db({ payload })
  await sql.query(
    `INSERT INTO usage_events (occurred_at, kind, key_id, account, scope, endpoint, method, status, latency_ms)
     SELECT now() - make_interval(mins => (g * 97) % 43000), 'report', $1, $2, 'tracks:read',
            (ARRAY['/v1/tracks/{id}/features', '/v1/recommendations', '/v1/tracks/{id}'])[1 + g % 3],
            'GET', 200, 40 + g % 60
       FROM generate_series(1, 420) g`,
    [key.id, `u${maya}`],
  )
  await sql.query(
    `UPDATE showcase_projects SET usage_key_id = $1, show_usage_counts = true WHERE slug = 'beatmatch-dj'`,
    [key.id],
  )
}
