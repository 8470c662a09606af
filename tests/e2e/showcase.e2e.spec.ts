import { expect, test, type Page } from '@playwright/test'

import { hotScore } from '../../src/lib/showcase/constants'
import { generateScreenshot } from '../../src/lib/showcase/screenshot'
import {
  createVerifiedUser,
  DEMO,
  expectAccessible,
  expectNoOverflow,
  logIn,
  uniqueName,
} from './helpers'

const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

async function checkBothWidths(page: Page) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
}

const main = (page: Page) => page.getByRole('main')

test('a member submits a project; a moderator approves it; others upvote once and comment; staff feature it and it leads the page', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const maker = await (await browser.newContext()).newPage()
  const author = await createVerifiedUser(maker.request)
  await logIn(maker, author)
  const slug = uniqueName('e2e-project')
  const title = `Groove Finder ${slug.slice(-6)}`

  // Step 1: the basics, with a GitHub repository (the fake GitHub server knows tunetrail-e2e/*).
  await maker.goto('/showcase/submit')
  await expect(maker.getByRole('heading', { level: 1, name: 'Submit a project' })).toBeVisible()
  await checkBothWidths(maker)
  const basics = maker.getByRole('form', { name: 'Basics' })
  await basics.getByLabel('Name').fill(title)
  await basics.getByLabel('Address').fill(slug)
  await basics.getByLabel('Tagline').fill('Finds grooves that fit your track')
  await basics
    .getByLabel('GitHub repository (optional)')
    .fill(`https://github.com/tunetrail-e2e/${slug}`)
  await basics.getByRole('button', { name: 'Save and continue' }).click()
  await expect(maker).toHaveURL(/\/showcase\/submit\?project=\d+&step=2$/)
  const projectId = Number(new URL(maker.url()).searchParams.get('project'))

  // Step 2: the story (Markdown).
  const story = maker.getByRole('form', { name: 'Story' })
  await story.getByLabel('What it does (Markdown)').fill('It **finds grooves** for your track.')
  await story.getByLabel('How it was built (Markdown)').fill('Next.js and `/v1/recommendations`.')
  await story.getByRole('button', { name: 'Save and continue' }).click()
  await expect(maker).toHaveURL(/step=3$/)

  // Step 3: a screenshot with its alt text.
  const png = await generateScreenshot(title, { hue: 150 })
  const add = maker.getByRole('form', { name: 'Add a screenshot' })
  await add
    .getByLabel(/^Image/)
    .setInputFiles({ name: 'groove.png', mimeType: 'image/png', buffer: png })
  await add.getByLabel('Alt text').fill('The groove finder suggesting three drum patterns')
  await add.getByRole('button', { name: 'Add screenshot' }).click()
  await expect(
    maker.getByRole('button', { name: /Open screenshot 1 of 1: The groove finder/ }),
  ).toBeVisible()
  await maker.getByRole('link', { name: 'Continue to details' }).click()

  // Step 4: the stack, then the preview and submit.
  const details = maker.getByRole('form', { name: 'Details' })
  await details.getByText('Next.js', { exact: true }).click()
  await details.getByLabel('Tags (optional)').fill('grooves, drums')
  await details.getByRole('button', { name: 'Save and preview' }).click()
  await expect(maker).toHaveURL(/step=5$/)
  await expect(maker.getByRole('heading', { name: title, exact: true })).toBeVisible()
  await checkBothWidths(maker)
  await maker.getByRole('button', { name: 'Submit for review' }).click()
  await expect(maker).toHaveURL(new RegExp(`/showcase/projects/${slug}$`))
  await expect(main(maker).getByText('In review', { exact: true })).toBeVisible()

  // In the queue, not public.
  const stranger = await (await browser.newContext()).newPage()
  expect((await stranger.goto(`/showcase/projects/${slug}`))?.status()).toBe(404)

  // The worker fetched the repository's facts from the fake GitHub.
  await expect(async () => {
    await maker.reload()
    await expect(maker.getByText(`Fake GitHub facts for tunetrail-e2e/${slug}`)).toBeVisible({
      timeout: 1000,
    })
  }).toPass({ timeout: 60_000 })
  await expect(maker.getByRole('region', { name: 'GitHub' }).getByText('MIT')).toBeVisible()

  // A moderator approves it from the review queue.
  const moderator = await (await browser.newContext()).newPage()
  await logIn(moderator, DEMO.moderator)
  await moderator.goto('/showcase/review')
  await checkBothWidths(moderator)
  await moderator.getByRole('link', { name: title, exact: true }).click()
  await expect(moderator.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await moderator.getByRole('button', { name: 'Approve and publish' }).click()
  await expect(moderator.getByRole('button', { name: 'Approve and publish' })).toHaveCount(0)
  await expect(main(moderator).getByText('In review', { exact: true })).toHaveCount(0)
  expect((await stranger.goto(`/showcase/projects/${slug}`))?.status()).toBe(200)

  // The maker edits the live page: the change waits for a moderator; the page keeps the
  // approved tagline meanwhile, and the editor shows the pending one.
  await maker.goto(`/showcase/submit?project=${projectId}`)
  const edit = maker.getByRole('form', { name: 'Basics' })
  await edit.getByLabel('Tagline').fill('Finds grooves in odd meters too')
  await edit.getByRole('button', { name: 'Save and continue' }).click()
  await expect(maker).toHaveURL(/step=2$/)
  await maker.goto(`/showcase/projects/${slug}`)
  await expect(main(maker).getByText(/Changes pending review/)).toBeVisible()
  await expect(main(maker).getByText('Finds grooves that fit your track')).toBeVisible()
  await maker.goto(`/showcase/submit?project=${projectId}`)
  await expect(maker.getByRole('form', { name: 'Basics' }).getByLabel('Tagline')).toHaveValue(
    'Finds grooves in odd meters too',
  )
  await stranger.reload()
  await expect(main(stranger).getByText('Finds grooves that fit your track')).toBeVisible()
  await expect(main(stranger).getByText('Finds grooves in odd meters too')).toHaveCount(0)
  // A new screenshot is held too; the moderator sees it as a thumbnail beside the live ones.
  await maker.goto(`/showcase/submit?project=${projectId}&step=3`)
  const another = maker.getByRole('form', { name: 'Add a screenshot' })
  await another.getByLabel(/^Image/).setInputFiles({
    name: 'odd.png',
    mimeType: 'image/png',
    buffer: await generateScreenshot(title, { hue: 30 }),
  })
  await another.getByLabel('Alt text').fill('Grooves in seven-eight')
  await another.getByRole('button', { name: 'Add screenshot' }).click()
  await expect(
    maker.getByRole('button', { name: /Open screenshot 2 of 2: Grooves in seven-eight/ }),
  ).toBeVisible()
  await moderator.goto('/showcase/review')
  await moderator.getByRole('link', { name: title, exact: true }).click()
  await expect(moderator.getByRole('heading', { name: 'Changes waiting for review' })).toBeVisible()
  await expect(
    moderator
      .getByRole('list', { name: 'Proposed screenshots' })
      .getByRole('img', { name: 'Grooves in seven-eight' }),
  ).toBeVisible()
  await expect(
    moderator
      .getByRole('list', { name: 'Live screenshots' })
      .getByRole('img', { name: 'The groove finder suggesting three drum patterns' }),
  ).toBeVisible()
  await expectAccessible(moderator)
  // A decision names the version of the changes it saw: none is refused (400 naming it)...
  const blind = await moderator.request.post(`/api/showcase-projects/${projectId}/review`, {
    headers: SAME_ORIGIN,
    data: { decision: 'approve' },
  })
  expect(blind.status()).toBe(400)
  expect(JSON.stringify(await blind.json())).toContain('version')
  // ...and changes edited after the moderator opened them are not approved unseen.
  await maker.goto(`/showcase/submit?project=${projectId}`)
  const reedit = maker.getByRole('form', { name: 'Basics' })
  await reedit.getByLabel('Tagline').fill('Finds grooves in odd meters, fast')
  await reedit.getByRole('button', { name: 'Save and continue' }).click()
  await expect(maker).toHaveURL(/step=2$/)
  await moderator.getByRole('button', { name: 'Approve the changes' }).click()
  await expect(
    moderator.getByText('The changes were edited since you opened them; review them again.'),
  ).toBeVisible()
  await stranger.reload()
  await expect(main(stranger).getByText('Finds grooves that fit your track')).toBeVisible()
  await moderator.reload()
  await expect(main(moderator).getByText('Finds grooves in odd meters, fast')).toBeVisible()
  await moderator.getByRole('button', { name: 'Approve the changes' }).click()
  await expect(moderator.getByRole('heading', { name: 'Changes waiting for review' })).toHaveCount(
    0,
  )
  await stranger.reload()
  await expect(main(stranger).getByText('Finds grooves in odd meters, fast')).toBeVisible()
  await expect(
    stranger.getByRole('button', { name: /Open screenshot 2 of 2: Grooves in seven-eight/ }),
  ).toBeVisible()

  // The maker takes a change back before anyone reviews it.
  await maker.goto(`/showcase/submit?project=${projectId}`)
  const oops = maker.getByRole('form', { name: 'Basics' })
  await oops.getByLabel('Tagline').fill('Oops, a typo')
  await oops.getByRole('button', { name: 'Save and continue' }).click()
  await expect(maker).toHaveURL(/step=2$/)
  await maker.goto(`/showcase/projects/${slug}`)
  await expect(main(maker).getByText(/Changes pending review/)).toBeVisible()
  await maker.getByRole('button', { name: 'Withdraw changes' }).click()
  await expect(main(maker).getByText(/Changes pending review/)).toHaveCount(0)
  await maker.goto(`/showcase/submit?project=${projectId}`)
  await expect(maker.getByRole('form', { name: 'Basics' }).getByLabel('Tagline')).toHaveValue(
    'Finds grooves in odd meters, fast',
  )

  // Others upvote: once each, toggled; the maker cannot vote for their own project.
  const leo = await (await browser.newContext()).newPage()
  await logIn(leo, DEMO.leo)
  await leo.goto(`/showcase/projects/${slug}`)
  const vote = leo.getByRole('button', { name: new RegExp(`^Upvote ${title}`) })
  await expect(vote).toHaveAttribute('aria-pressed', 'false')
  await vote.click()
  await expect(vote).toHaveAttribute('aria-pressed', 'true')
  await expect(vote).toHaveText(/1/)
  await vote.click()
  await expect(vote).toHaveAttribute('aria-pressed', 'false')
  await expect(vote).toHaveText(/0/)
  await vote.click()
  await expect(vote).toHaveText(/1/)
  const again = await leo.request.post(`/api/showcase-projects/${projectId}/vote`, {
    headers: SAME_ORIGIN,
  })
  expect(await again.json()).toEqual({ votes: 1, voted: true })
  const own = await maker.request.post(`/api/showcase-projects/${projectId}/vote`, {
    headers: SAME_ORIGIN,
  })
  expect(own.status()).toBe(403)
  const maya = await (await browser.newContext()).newPage()
  await logIn(maya, DEMO.maya)
  const second = await maya.request.post(`/api/showcase-projects/${projectId}/vote`, {
    headers: SAME_ORIGIN,
  })
  expect(await second.json()).toEqual({ votes: 2, voted: true })

  // Leo comments (Markdown through the shared renderer).
  await leo.getByLabel('Comment (Markdown)').fill('The **swing** detection is great.')
  await leo.getByRole('button', { name: 'Comment', exact: true }).click()
  const comments = leo.getByRole('list', { name: 'Comments' })
  await expect(comments.getByText('swing')).toBeVisible()
  await expect(comments.locator('strong', { hasText: 'swing' })).toBeVisible()
  await checkBothWidths(leo)

  // Staff feature it: it leads the showcase page.
  const admin = await (await browser.newContext()).newPage()
  await logIn(admin, DEMO.admin)
  await admin.goto(`/showcase/projects/${slug}`)
  await admin.getByRole('button', { name: 'Feature on the showcase' }).click()
  await expect(admin.getByRole('button', { name: 'Stop featuring' })).toBeVisible()
  await stranger.goto('/showcase')
  const featured = stranger.getByRole('list', { name: 'Featured projects' })
  await expect(
    featured.getByRole('listitem').first().getByRole('link', { name: title, exact: true }),
  ).toBeVisible()

  // The list is cached for everyone, yet a withdrawn vote shows at once, and each viewer
  // sees their own votes on it.
  const firstFeatured = (page: Page) =>
    page.getByRole('list', { name: 'Featured projects' }).getByRole('listitem').first()
  const upvote = (page: Page) =>
    // A member's toggle, or the sign-in link a signed-out visitor gets.
    firstFeatured(page).getByRole(page === stranger ? 'link' : 'button', {
      name: new RegExp(`upvote ${title}`, 'i'),
    })
  await expect(upvote(stranger)).toHaveText(/2/)
  await leo.goto('/showcase')
  await expect(upvote(leo)).toHaveAttribute('aria-pressed', 'true')
  const withdrawn = await maya.request.delete(`/api/showcase-projects/${projectId}/vote`, {
    headers: SAME_ORIGIN,
  })
  expect(await withdrawn.json()).toEqual({ votes: 1, voted: false })
  await stranger.reload()
  await expect(upvote(stranger)).toHaveText(/1/)
  await maya.goto('/showcase')
  await expect(upvote(maya)).toHaveAttribute('aria-pressed', 'false')

  // The maker heard of each decision.
  await expect(async () => {
    await maker.goto('/notifications')
    await expect(main(maker).getByText(`“${title}” is featured on the showcase`)).toBeVisible({
      timeout: 1000,
    })
  }).toPass({ timeout: 60_000 })
  await expect(main(maker).getByText(`“${title}” is published on the showcase`)).toBeVisible()
})

test('the hot ranking orders the seeded projects as the formula says; filters, search and pages work', async ({
  page,
  request,
}) => {
  const response = await request.get(
    '/api/showcase-projects?where[status][equals]=published&limit=100&depth=0',
  )
  const { docs } = (await response.json()) as {
    docs: { title: string; slug: string; votes: number; publishedAt: string }[]
  }
  // Seeded votes come from long-standing accounts and all count. Projects other e2e tests made
  // have votes of demo and new accounts alike (which of them count is not the API's to say):
  // they are left out on both sides, and the seeded ones must keep the formula's order.
  const now = Date.now()
  const madeByTests = new Set(docs.filter((doc) => doc.slug.startsWith('e2e-')).map((d) => d.title))
  const expected = docs
    .filter((doc) => !madeByTests.has(doc.title))
    .map((doc) => ({
      title: doc.title,
      score: hotScore(doc.votes, (now - new Date(doc.publishedAt).getTime()) / 3_600_000),
      published: new Date(doc.publishedAt).getTime(),
    }))
    .sort((a, b) => b.score - a.score || b.published - a.published)
    .map((row) => row.title)
  // A NUL byte in a search or a slug is a 400, not Postgres' error as a 500.
  for (const path of ['/showcase?q=%00', '/showcase/projects/%00', '/models?q=a%00b']) {
    expect((await request.get(path)).status(), path).toBe(400)
  }
  await page.goto('/showcase')
  await checkBothWidths(page)
  const ranked = page.getByRole('list', { name: 'Projects', exact: true })
  await expect(ranked.getByRole('listitem')).toHaveCount(12)
  const titles = (await ranked.getByRole('heading', { level: 3 }).allInnerTexts())
    .map((t) => t.replace(/^\d+\.\s*/, ''))
    .filter((title) => !madeByTests.has(title))
  expect(titles.length).toBeGreaterThanOrEqual(12 - madeByTests.size)
  expect(titles).toEqual(expected.slice(0, titles.length))
  await expect(
    page
      .getByRole('list', { name: 'Featured projects' })
      .getByRole('link', { name: 'BeatMatch DJ', exact: true }),
  ).toBeVisible()

  // Next page, then the other rankings.
  await page.getByRole('link', { name: 'Next page' }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(page.getByText(/Page 2 of \d/)).toBeVisible()
  await page.getByRole('link', { name: 'Newest' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Newest' })).toBeVisible()
  await page.getByRole('link', { name: 'Top of all time' }).click()
  await expect(ranked.getByRole('heading', { level: 3 }).first()).toHaveText(/1\.\s*Sample Scout/)

  // Filters: technology, use case, model; search.
  await page.goto('/showcase')
  const filters = page.getByRole('form', { name: 'Filter projects' })
  await filters.getByLabel('Technology').selectOption('flutter')
  await filters.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/tech=flutter/)
  await expect(ranked.getByRole('listitem')).toHaveCount(2)
  await expect(ranked.getByRole('link', { name: 'Chord Coach', exact: true })).toBeVisible()
  await page.goto('/showcase?model=leo/genre-cnn-lofi')
  await expect(ranked.getByRole('listitem')).toHaveCount(1)
  await expect(ranked.getByRole('link', { name: 'Lo-fi Study Radio', exact: true })).toBeVisible()
  await page.goto('/showcase?use=music-education&q=chord')
  await expect(ranked.getByRole('listitem')).toHaveCount(1)
  await page.goto('/showcase?q=no-such-project-anywhere')
  await expect(page.getByRole('heading', { name: 'No projects match' })).toBeVisible()
  await expectAccessible(page)
})

test('the project page: the lightbox traps focus and closes on Escape, images have alt text, the usage badge and the SVG badge', async ({
  page,
}) => {
  await page.goto('/showcase/projects/beatmatch-dj')
  await expect(page.getByRole('heading', { level: 1, name: 'BeatMatch DJ' })).toBeVisible()
  await checkBothWidths(page)
  // Every image says what it shows (the card's decorative copy is hidden with alt="").
  const images = page.getByRole('main').locator('img')
  expect(await page.getByRole('main').locator('img:not([alt])').count()).toBe(0)
  const gallery = page.getByRole('list', { name: 'Screenshots of BeatMatch DJ' })
  for (const alt of await gallery
    .locator('img')
    .evaluateAll((els) => els.map((el) => el.getAttribute('alt')))) {
    expect(alt?.length).toBeGreaterThan(5)
  }
  expect(await images.count()).toBeGreaterThan(2)
  // And they load: Payload's `card` size is the thumbnail (a 404 until the input guard knew
  // image sizes' filenames).
  const thumbnail = gallery.locator('img').first()
  await thumbnail.scrollIntoViewIfNeeded()
  await expect
    .poll(() => thumbnail.evaluate((el) => (el as HTMLImageElement).naturalWidth), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0)
  expect(await gallery.locator('img').first().getAttribute('src')).toMatch(
    /^\/api\/media\/file\/.+-768x432\.png$/,
  )

  // The lightbox: opened from a thumbnail, focus inside, Tab and Shift+Tab stay inside.
  const first = gallery.getByRole('button').first()
  await first.click()
  const dialog = page.getByRole('dialog', { name: 'Screenshot 1 of 3' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await expectAccessible(page)
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab')
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true)
  }
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Shift+Tab')
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('dialog', { name: 'Screenshot 2 of 3' })).toBeVisible()
  await expect(page.getByRole('dialog').locator('img')).toHaveAttribute('alt', /key wheel/)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(first).toBeFocused()

  // The verified-usage badge: real endpoints of the linked key, with counts (opted in).
  const usage = page.getByTestId('verified-usage')
  await expect(usage.getByText('Uses the TuneTrail API')).toBeVisible()
  await expect(usage.getByText('GET /v1/recommendations')).toBeVisible()
  await expect(usage.getByText(/\d+ calls/).first()).toBeVisible()

  // The embeddable badge.
  const badge = await page.request.get('/showcase/projects/beatmatch-dj/badge.svg')
  expect(badge.status()).toBe(200)
  expect(badge.headers()['content-type']).toContain('image/svg+xml')
  expect(await badge.text()).toContain('FEATURED ON')
  expect((await page.request.get('/showcase/projects/drum-doctor/badge.svg')).status()).toBe(404)
  // A draft is nobody's business.
  expect((await page.goto('/showcase/projects/drum-doctor'))?.status()).toBe(404)
})
