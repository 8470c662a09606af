import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import {
  createVerifiedUser,
  DEMO,
  expectAccessible,
  expectNoOverflow,
  logIn,
  uniqueName,
} from './helpers'

const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

async function tokenFor(
  request: APIRequestContext,
  credentials: { email: string; password: string },
) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return (await response.json()).token as string
}

/** A valid 50 MB safetensors file (one F32 tensor), written once for the upload. */
function fiftyMegabyteModel(): string {
  const file = path.resolve('.data/test/e2e-upload/model.safetensors')
  mkdirSync(path.dirname(file), { recursive: true })
  const count = (50 * 1024 * 1024) / 4
  const header = Buffer.from(
    JSON.stringify({ weight: { dtype: 'F32', shape: [count], data_offsets: [0, count * 4] } }),
  )
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  writeFileSync(file, Buffer.concat([length, header, Buffer.alloc(count * 4, 1)]))
  return file
}

async function checkBothWidths(page: Page) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 })
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('a member uploads a 50 MB model; another finds, downloads, stars, rates and forks it', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const owner = await (await browser.newContext()).newPage()
  const author = await createVerifiedUser(owner.request)
  await logIn(owner, author)
  const slug = uniqueName('beat-tracker')
  const word = `zebrafinch${Date.now().toString(36)}`
  const tag = uniqueName('e2etag')

  // Step 1: the metadata, saved as a draft.
  await owner.goto('/models/upload')
  await expect(owner.getByRole('heading', { level: 1, name: 'Upload a model' })).toBeVisible()
  await checkBothWidths(owner)
  const form = owner.getByRole('form', { name: 'Model details' })
  await form.getByLabel('Name').fill(`Beat tracker ${word}`)
  await form.getByLabel('Slug').fill(slug)
  await form.getByLabel('Summary').fill('Finds beats and downbeats in full mixes.')
  await form.getByLabel('Task').selectOption('tagging')
  await form.getByLabel('Framework').selectOption('pytorch')
  await form.getByLabel('License').selectOption('MIT')
  await form.getByLabel('Tags').fill(`${tag}, beats`)
  await form.getByLabel('Sample rate (Hz)').fill('44100')
  await form.getByLabel('Metrics').fill('f1, 0.93, GTZAN-beats, test')
  await form
    .getByLabel('Model card (Markdown)')
    .fill('## Beat tracker\n\nA **TCN** over spectral flux.')
  await form.getByRole('button', { name: 'Save draft and continue' }).click()
  await expect(owner).toHaveURL(/\/models\/upload\?model=\d+$/)

  // Step 2: 50 MB in parts, with progress.
  const modelFile = fiftyMegabyteModel()
  await owner.getByLabel('File', { exact: true }).setInputFiles(modelFile)
  await owner.getByRole('button', { name: 'Upload', exact: true }).click()
  await expect(owner.getByLabel('Upload progress')).toBeVisible()
  await expect(owner.getByRole('status').filter({ hasText: 'uploaded' })).toBeVisible({
    timeout: 120_000,
  })
  await expect(owner.getByLabel('Upload progress')).toHaveAttribute('value', '100')
  await expect(owner.getByRole('cell', { name: /50\.0 MB|52\.4 MB/ })).toBeVisible()

  // Step 3: preview and publish; the version goes live once the scan is done.
  await expect(owner.getByRole('main').getByText('A TCN over spectral flux.')).toBeVisible()
  await owner.getByRole('button', { name: 'Publish' }).click()
  await expect(owner).toHaveURL(new RegExp(`/models/${author.username}/${slug}$`))
  await expect(async () => {
    await owner.reload()
    await expect(owner.getByRole('main').getByText('Safe', { exact: true })).toBeVisible({
      timeout: 1000,
    })
  }).toPass({ timeout: 60_000 })

  // Another member finds it by a facet and by search.
  const reader = await (await browser.newContext()).newPage()
  const other = await createVerifiedUser(reader.request)
  await logIn(reader, other)
  await reader.goto(`/models?tag=${tag}`)
  const link = reader.getByRole('link', { name: `${author.username}/${slug}` })
  await expect(link).toBeVisible()
  await reader.goto('/models')
  await reader.getByLabel('Search').fill(word)
  await reader.getByRole('button', { name: 'Apply', exact: true }).click()
  await expect(reader).toHaveURL(new RegExp(`q=${word}`))
  await expect(reader.getByRole('main').getByText('1 model', { exact: true })).toBeVisible()
  await checkBothWidths(reader)
  await link.click()
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`Beat tracker ${word}`)
  await checkBothWidths(reader)

  // Download: a redirect to a signed URL, counted once per day.
  const href = await reader.getByRole('link', { name: 'Download latest' }).getAttribute('href')
  for (let i = 0; i < 2; i++) {
    const redirect = await reader.request.get(href!, { headers: SAME_ORIGIN, maxRedirects: 0 })
    expect(redirect.status()).toBe(302)
    const signed = redirect.headers().location
    expect(signed).toMatch(/signature=/)
    const bytes = await reader.request.get(signed, { headers: SAME_ORIGIN })
    expect(bytes.status()).toBe(200)
    expect((await bytes.body()).length).toBe(statSync(modelFile).size)
  }
  await reader.reload()
  // Two fetches the same day count once.
  const downloads = reader.locator('dl[aria-label="Usage"] > div').filter({ hasText: 'Downloads' })
  await expect(downloads).toHaveText(/^Downloads\s*1\s*All time$/)

  // Star, rate, fork.
  await reader.getByRole('button', { name: 'Star · 0' }).click()
  await expect(reader.getByRole('button', { name: 'Starred · 1' })).toBeVisible()
  const rating = reader.getByRole('form', { name: 'Your rating' })
  await rating.getByLabel('Your rating').selectOption('4')
  await rating.getByLabel('Review (optional)').fill('Tight on electronic music.')
  await rating.getByRole('button', { name: 'Rate' }).click()
  await expect(reader.getByRole('main').getByText('4.0', { exact: true })).toBeVisible()
  await reader.getByRole('button', { name: 'Fork' }).click()
  await reader.getByRole('alertdialog').getByRole('button', { name: 'Fork' }).click()
  await expect(reader).toHaveURL(new RegExp(`/models/${other.username}/${slug}$`))
  await expect(reader.getByRole('link', { name: `${author.username}/${slug}` })).toBeVisible()
})

test('a private model is invisible and undownloadable to others over pages, REST and GraphQL', async ({
  page,
  request,
}) => {
  const maya = await tokenFor(request, DEMO.maya)
  const leo = await tokenFor(request, DEMO.leo)
  const where = 'where[slug][equals]=genre-cnn-experimental'
  const mine = await request.get(`/api/ml-models?${where}`, {
    headers: { Authorization: `JWT ${maya}` },
  })
  const [model] = (await mine.json()).docs as { id: number; visibility: string }[]
  expect(model.visibility).toBe('private')
  const files = await request.get(`/api/model-files?where[model][equals]=${model.id}`, {
    headers: { Authorization: `JWT ${maya}` },
  })
  const fileId = ((await files.json()).docs as { id: number }[])[0].id

  const callers: Record<string, string>[] = [{ Authorization: `JWT ${leo}` }, {}]
  for (const auth of callers) {
    const rest = await request.get(`/api/ml-models?${where}`, { headers: auth })
    expect((await rest.json()).totalDocs).toBe(0)
    expect((await request.get(`/api/ml-models/${model.id}`, { headers: auth })).status()).toBe(404)
    const graph = await request.post('/api/graphql', {
      headers: auth,
      data: {
        query: `{ MlModels(where: { slug: { equals: "genre-cnn-experimental" } }) { docs { id } } }`,
      },
    })
    expect((await graph.json()).data.MlModels.docs).toEqual([])
    const download = await request.get(`/api/model-files/${fileId}/download`, {
      headers: auth,
      maxRedirects: 0,
    })
    expect(download.status()).toBe(404)
  }
  await logIn(page, DEMO.leo)
  const response = await page.goto('/models/maya/genre-cnn-experimental')
  expect(response?.status()).toBe(404)
  await page.goto(`/models/${model.id}`)
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Genre CNN/)
})

test('an owner edits a model’s details (noted in the changelog) and deletes it after confirming', async ({
  page,
}) => {
  const owner = await createVerifiedUser(page.request)
  await logIn(page, owner)
  const slug = uniqueName('onset-detector')
  await page.goto('/models/upload')
  const form = page.getByRole('form', { name: 'Model details' })
  await form.getByLabel('Name').fill('Onset detector')
  await form.getByLabel('Slug').fill(slug)
  await form.getByLabel('Summary').fill('Finds note onsets.')
  await form.getByLabel('Task').selectOption('transcription')
  await form.getByLabel('Framework').selectOption('onnx')
  await form.getByLabel('License').selectOption('MIT')
  await form.getByRole('button', { name: 'Save draft and continue' }).click()
  await expect(page).toHaveURL(/\/models\/upload\?model=\d+$/)
  await expect(page.getByRole('main')).toContainText('on the free plan')

  const path = `/models/${owner.username}/${slug}`
  await page.goto(path)
  await page.getByRole('link', { name: 'Edit details' }).click()
  await expect(page).toHaveURL(`${path}/edit`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit Onset detector')
  await checkBothWidths(page)
  const edit = page.getByRole('form', { name: 'Model details' })
  await expect(edit.getByLabel('Summary')).toHaveValue('Finds note onsets.')
  // Bad input names its field.
  await edit.getByLabel('Metrics').fill('f1, lots')
  await edit.getByLabel('SDKs').fill('python, cobol')
  await edit.getByRole('button', { name: 'Save details' }).click()
  await expect(edit.getByText(/Line 1: write name, value, dataset/)).toBeVisible()
  await expect(edit.getByText('Unknown: cobol. Choose from python, javascript, cli.')).toBeVisible()
  await expect(edit.getByLabel('SDKs')).toHaveAttribute('aria-invalid', 'true')
  await edit.getByLabel('Name').fill('Onset detector XL')
  await edit.getByLabel('Metrics').fill('f1, 0.88, MAPS, test')
  await edit.getByLabel('SDKs').fill('python')
  await edit.getByLabel('Who can see it').selectOption('private')
  await edit.getByRole('button', { name: 'Save details' }).click()
  await expect(page).toHaveURL(new RegExp(`${path}\\?edited=1$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Onset detector XL')
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText(
    /Details edited \d{4}-\d{2}-\d{2}: name, visibility, metrics, compatibility\./,
  )

  // Deleting asks first; then the model is gone.
  await page.goto(`${path}/edit`)
  await page.getByRole('button', { name: 'Delete model' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('Delete Onset detector XL?')
  await dialog.getByRole('button', { name: 'Delete model' }).click()
  await expect(page).toHaveURL(/\/models\/my-models/)
  expect((await page.goto(path))?.status()).toBe(404)
  // Ids past Postgres' integer are a 404, not a 500.
  expect((await page.goto('/models/9999999999'))?.status()).toBe(404)
  expect((await page.goto('/models/upload?model=9999999999'))?.status()).toBe(404)
  expect((await page.goto('/models?page=500'))?.status()).toBe(200)
  await expect(page.getByRole('main')).toContainText(
    /Page 500 is past the last page|No models match/,
  )
})

test('integrators use real API keys over HTTP: models:read sees public and own private models, models:write creates', async ({
  request,
}) => {
  /** A personal key of `credentials`' owner, its plaintext from the response that issued it. */
  const keyOf = async (credentials: { email: string; password: string }, scopes: string[]) => {
    const token = await tokenFor(request, credentials)
    const created = await request.post('/api/api-keys', {
      headers: { Authorization: `JWT ${token}` },
      data: { name: uniqueName('models e2e'), environment: 'development', scopes },
    })
    expect(created.status()).toBe(201)
    return (await created.json()).doc.key as string
  }
  const mayaRead = await keyOf(DEMO.maya, ['models:read'])
  const leoRead = await keyOf(DEMO.leo, ['models:read'])
  const leoTracks = await keyOf(DEMO.leo, ['tracks:read'])
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })
  const where = 'where[slug][equals]=genre-cnn-experimental'

  // Maya's key sees her private model and gets a signed download.
  const mine = await request.get(`/api/ml-models?${where}`, { headers: bearer(mayaRead) })
  expect(mine.status()).toBe(200)
  const [model] = (await mine.json()).docs as { id: number; visibility: string }[]
  expect(model.visibility).toBe('private')
  const files = await request.get(`/api/model-files?where[model][equals]=${model.id}`, {
    headers: bearer(mayaRead),
  })
  const fileId = ((await files.json()).docs as { id: number }[])[0].id
  const own = await request.get(`/api/model-files/${fileId}/download`, {
    headers: bearer(mayaRead),
    maxRedirects: 0,
  })
  expect(own.status()).toBe(302)

  // Leo's key sees public models only: the private one is not there, its file a 404.
  const publicOnes = await request.get('/api/ml-models?limit=50&depth=0', {
    headers: bearer(leoRead),
  })
  const visible = (await publicOnes.json()).docs as { visibility: string; slug: string }[]
  expect(visible.length).toBeGreaterThan(0)
  expect(visible.every((doc) => doc.visibility === 'public')).toBe(true)
  expect(
    (await (await request.get(`/api/ml-models?${where}`, { headers: bearer(leoRead) })).json())
      .totalDocs,
  ).toBe(0)
  const theirs = await request.get(`/api/model-files/${fileId}/download`, {
    headers: bearer(leoRead),
    maxRedirects: 0,
  })
  expect(theirs.status()).toBe(404)
  // A key without models:read is refused, naming the scope.
  const unscoped = await request.get('/api/ml-models', { headers: bearer(leoTracks) })
  expect(unscoped.status()).toBe(403)

  // models:read cannot create; models:write creates a model owned by the key's owner.
  const draft = {
    name: 'Key-made tagger',
    slug: uniqueName('key-made')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-'),
    summary: 'Made through the REST API with a key.',
    task: 'tagging',
    framework: 'onnx',
    license: 'MIT',
    visibility: 'private',
  }
  const refused = await request.post('/api/ml-models', { headers: bearer(leoRead), data: draft })
  expect(refused.status()).toBe(403)
  const leoWrite = await keyOf(DEMO.leo, ['models:read', 'models:write'])
  const made = await request.post('/api/ml-models', { headers: bearer(leoWrite), data: draft })
  expect(made.status()).toBe(201)
  const { doc } = await made.json()
  expect(doc.ownerHandle).toBe('leo')
  // Maya's key cannot see Leo's new private model.
  const hidden = await request.get(`/api/ml-models/${doc.id}`, { headers: bearer(mayaRead) })
  expect(hidden.status()).toBe(404)
  const removed = await request.delete(`/api/ml-models/${doc.id}`, { headers: bearer(leoWrite) })
  expect(removed.status()).toBe(200)
})
