import { expect, test, type Page } from '@playwright/test'

import { waitForMail } from '../helpers/smtp'

import {
  addVirtualAuthenticator,
  createVerifiedUser,
  expectAccessible,
  expectNoOverflow,
  formAlert,
  logIn,
  mailDir,
} from './helpers'

const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

async function checkPage(page: Page) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 })
    await expect(page.getByRole('heading', { level: 1, name: 'Account data' })).toBeVisible()
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
}

test('export arrives by mail and downloads the account’s data for its owner only', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const context = await browser.newContext()
  const page = await context.newPage()
  await logIn(page, user)
  await page.goto('/settings/profile')
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: 'Account data' })
    .click()
  await expect(page).toHaveURL(/\/settings\/account$/)
  await checkPage(page)

  await page.getByRole('button', { name: 'Export my data' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/download link arrives at/)
      .first(),
  ).toBeVisible()
  const mail = await waitForMail(mailDir(), user.email, /data export is ready/)
  const link = new URL(mail.link as string)

  const download = await page.request.get(link.pathname + link.search, { headers: SAME_ORIGIN })
  expect(download.status()).toBe(200)
  expect(download.headers()['content-disposition']).toMatch(/attachment; filename="tunetrail-/)
  const archive = (await download.json()) as { profile: { email: string; username: string } }
  expect(archive.profile).toMatchObject({ email: user.email, username: user.username })

  await page.reload()
  await expect(page.getByRole('table', { name: 'Recent exports' })).toContainText('Downloaded')
  await checkPage(page)

  // Someone else, signed in, gets nothing from the same link; signed out goes to the login.
  const other = await createVerifiedUser(request)
  const otherContext = await browser.newContext()
  const otherPage = await otherContext.newPage()
  await logIn(otherPage, other)
  const stolen = await otherPage.request.get(link.pathname + link.search, { headers: SAME_ORIGIN })
  expect(stolen.status()).toBe(404)
  const anonymous = await request.get(link.pathname + link.search, { maxRedirects: 0 })
  expect(anonymous.status()).toBe(303)
  expect(anonymous.headers().location).toMatch(/^\/login\?next=/)
  await otherContext.close()
  await context.close()
})

test('deleting the account asks for the password, logs out, and logging in cancels it', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const context = await browser.newContext({ viewport: { width: 360, height: 900 } })
  const page = await context.newPage()
  await logIn(page, user)
  await page.goto('/settings/account')

  const form = page.getByRole('form', { name: 'Delete your account' })
  await form.getByLabel('Your password').fill('not-my-password')
  await form.getByLabel('Type DELETE to confirm').fill('DELETE')
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(form.getByText('This password is not correct.')).toBeVisible()

  await form.getByLabel('Your password').fill(user.password)
  await form.getByLabel('Type DELETE to confirm').fill('DELETE')
  await form.getByLabel(/Why are you leaving/).fill('Trying the deletion flow')
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(page).toHaveURL(/\/login\?deletionScheduled=1/)
  await expect(page.getByRole('main').getByText(/will be deleted in 14 days/)).toBeVisible()
  await expectAccessible(page)
  await waitForMail(mailDir(), user.email, /will be deleted/)
  // Every session ended: the settings ask for a login.
  await page.goto('/settings/account')
  await expect(page).toHaveURL(/\/login\?next=/)

  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/settings\/account$/)
  await expect(
    page
      .getByRole('main')
      .getByText(/was cancelled when you logged in/)
      .first(),
  ).toBeVisible()
  await waitForMail(mailDir(), user.email, /account stays/)
  await expect(formAlert(page)).toHaveCount(0)
  await context.close()
})

test('a passkey account confirms its deletion with the passkey; its keys stop until a login cancels it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000)
  const user = await createVerifiedUser(request)
  const login = await request.post('/api/users/login', { data: user })
  const created = await request.post('/api/api-keys', {
    headers: { Authorization: `JWT ${(await login.json()).token}` },
    data: { name: 'Deletion key', environment: 'development', scopes: ['tracks:read'] },
  })
  expect(created.status()).toBe(201)
  const key = (await created.json()).doc as { key: string }
  const withKey = () =>
    request.get('/api/users/me', { headers: { Authorization: `Bearer ${key.key}` } })
  expect((await withKey()).status()).toBe(200)

  await addVirtualAuthenticator(page)
  await logIn(page, user)
  await page.goto('/settings/security')
  const addForm = page.getByRole('form', { name: 'Add a passkey' })
  await addForm.getByLabel('Passkey name').fill('Phone')
  await addForm.getByLabel('Current password').fill(user.password)
  await addForm.getByRole('button', { name: 'Add passkey' }).click()
  await expect(page.getByTestId('passkey')).toHaveCount(1)

  await page.goto('/settings/account')
  const form = page.getByRole('form', { name: 'Delete your account' })
  const fill = async () => {
    await form.getByLabel('Your password').fill(user.password)
    await form.getByLabel('Type DELETE to confirm').fill('DELETE')
  }
  // The password alone is not enough.
  await fill()
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(form.getByText('Confirm with your passkey.')).toBeVisible()
  await expect(form.getByRole('button', { name: 'Confirm with a passkey' })).toBeFocused()
  await form.getByRole('button', { name: 'Confirm with a passkey' }).click()
  await expect(form.getByRole('button', { name: 'Passkey confirmed ✓' })).toBeVisible()
  // A failed send spends the confirmation: it is asked again, not shown as done.
  await form.getByLabel('Your password').fill('not-my-password')
  await form.getByLabel('Type DELETE to confirm').fill('DELETE')
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(form.getByText('This password is not correct.')).toBeVisible()
  await expect(form.getByLabel('Your password')).toBeFocused()
  await expect(form.getByRole('button', { name: 'Passkey confirmed ✓' })).toHaveCount(0)
  await form.getByRole('button', { name: 'Confirm with a passkey' }).click()
  await expect(form.getByRole('button', { name: 'Passkey confirmed ✓' })).toBeVisible()
  await fill()
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(page).toHaveURL(/\/login\?deletionScheduled=1/)

  // During the grace period the key is refused; a login cancels the deletion and it works again.
  const refused = await withKey()
  expect(refused.status()).toBe(401)
  expect((await refused.json()).errors[0].code).toBe('REVOKED')
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page).toHaveURL(/\/settings\/account$/)
  await expect(
    page
      .getByRole('main')
      .getByText(/was cancelled when you logged in/)
      .first(),
  ).toBeVisible()
  await expect.poll(async () => (await withKey()).status()).toBe(200)
})
