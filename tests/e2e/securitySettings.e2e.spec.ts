import { readFileSync } from 'node:fs'

import { expect, test, type Page } from '@playwright/test'
import { generate } from 'otplib'

import { waitForMail } from '../helpers/smtp'
import { totpCodes } from '../helpers/totp'

import {
  addVirtualAuthenticator,
  createVerifiedUser,
  DEMO,
  expectAccessible,
  expectNoOverflow,
  formAlert,
  logIn,
  mailDir,
} from './helpers'

/**
 * Settings → Security (issue 18): TOTP with recovery codes, the two-step login on the pages and
 * on REST, passkeys with Chromium's virtual authenticator, sessions of two browsers, the log.
 */
type Credentials = { email: string; password: string }

const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

async function logOut(page: Page) {
  await page.goto('/logout')
  await page.getByRole('button', { name: 'Log out of TuneTrail Community' }).click()
  await expect(page).toHaveURL(/\/login\?loggedOut=1/)
}

async function passwordStep(page: Page, user: Credentials) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
}

async function checkLayouts(page: Page) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 })
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

async function enableTotp(page: Page) {
  await page.goto('/settings/security')
  await page.getByRole('button', { name: 'Set up authenticator app' }).click()
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) as string
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible()
  return secret
}

test('TOTP: set up, log in with a code, then with a recovery code that works once; REST in two calls', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000)
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  await page.goto('/settings/security')
  await expect(
    page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Security' }),
  ).toHaveAttribute('aria-current', 'page')
  await checkLayouts(page)

  const secret = await enableTotp(page)
  const nextCode = totpCodes(secret)
  await checkLayouts(page)
  const setupPassword = page.getByTestId('totp-setup').getByLabel('Current password')
  const setupCode = page.getByLabel('Code from the app')
  // A right code without the current password (a stolen session) enables nothing.
  const rightCode = await generate({ secret })
  await setupCode.fill(rightCode)
  await setupPassword.fill('not-the-password-1')
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(
    page.getByTestId('totp-setup').getByText('That is not your current password.').first(),
  ).toBeVisible()
  // Focus on the field to fix; the code typed is still there.
  await expect(setupPassword).toBeFocused()
  await expect(setupCode).toHaveValue(rightCode)
  // A wrong code enables nothing.
  await setupCode.fill('000000')
  await setupPassword.fill(user.password)
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/That code is not right/)
      .first(),
  ).toBeVisible()
  await expect(setupCode).toBeFocused()
  await page.getByLabel('Code from the app').fill(await nextCode())
  await setupPassword.fill(user.password)
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible()
  await waitForMail(mailDir(), user.email, /authenticator app was added/)
  const codes = ((await page.getByTestId('recovery-codes').textContent()) ?? '')
    .split(/\s+/)
    .filter(Boolean)
  expect(codes).toHaveLength(10)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download codes' }).click()
  const file = await download
  expect(readFileSync((await file.path()) as string, 'utf8')).toContain(codes[0])
  await checkLayouts(page)

  // A wrong password is logged; then password + code.
  await logOut(page)
  await passwordStep(page, { ...user, password: 'not-the-password-1' })
  await expect(formAlert(page)).toBeVisible()
  await passwordStep(page, user)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible()
  await checkLayouts(page)
  // No session yet: a private page still sends to the login.
  const before = await page.request.get('/api/users/me', { headers: SAME_ORIGIN })
  expect((await before.json()).user).toBeNull()
  await page.getByLabel('6-digit code').fill(await nextCode())
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)

  // A recovery code, once.
  await logOut(page)
  await passwordStep(page, user)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await page.getByText('Use a recovery code instead').click()
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0])
  await page.getByRole('button', { name: 'Use recovery code' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await logOut(page)
  await passwordStep(page, user)
  await page.getByText('Use a recovery code instead').click()
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0])
  await page.getByRole('button', { name: 'Use recovery code' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/code is not right/)
      .first(),
  ).toBeVisible()
  await expect(page).toHaveURL(/\/login\/two-factor/)

  // REST: the password answers a challenge and no token; the second call signs in.
  const first = await request.post('/api/users/login', { data: user })
  expect(first.status()).toBe(200)
  const pending = await first.json()
  expect(pending).toMatchObject({ twoFactorRequired: true, methods: ['totp', 'recovery'] })
  expect(pending.token).toBeUndefined()
  expect(pending.user).toBeUndefined()
  expect(first.headers()['set-cookie'] ?? '').not.toContain('payload-token=ey')
  const bad = await request.post('/api/users/login/second-factor', {
    data: { challenge: pending.challenge, code: '000000' },
  })
  expect(bad.status()).toBe(401)
  const missing = await request.post('/api/users/login/second-factor', {
    data: { challenge: pending.challenge },
  })
  expect(missing.status()).toBe(400)
  expect((await missing.json()).errors[0].message).toMatch(/code/)
  const second = await request.post('/api/users/login/second-factor', {
    data: { challenge: pending.challenge, recoveryCode: codes[1] },
  })
  expect(second.status(), await second.text()).toBe(200)
  const { token } = await second.json()
  const me = await request.get('/api/users/me', { headers: { Authorization: `JWT ${token}` } })
  expect((await me.json()).user.email).toBe(user.email)

  // GraphQL has no second step: it refuses rather than sign in.
  const graphql = await request.post('/api/graphql', {
    data: {
      query: `mutation { loginUser(email: ${JSON.stringify(user.email)}, password: ${JSON.stringify(user.password)}) { token } }`,
    },
  })
  const answer = await graphql.json()
  expect(answer.data?.loginUser?.token ?? null).toBeNull()
  expect(JSON.stringify(answer.errors)).toMatch(/two-factor/)

  // The security log: the failed login, with address and browser; exported as CSV.
  await passwordStep(page, user)
  await page.getByText('Use a recovery code instead').click()
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[2])
  await page.getByRole('button', { name: 'Use recovery code' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.goto('/settings/security/log')
  const log = page.getByRole('main')
  await expect(log.getByText('Failed login: wrong password').first()).toBeVisible()
  await expect(log.getByText(/Turned on two-factor authentication/)).toBeVisible()
  await expect(log.getByText(/Used a recovery code/).first()).toBeVisible()
  await checkLayouts(page)
  const csv = await page.request.get('/settings/security/log/export', { headers: SAME_ORIGIN })
  expect(csv.headers()['content-type']).toContain('text/csv')
  const text = await csv.text()
  expect(text).toContain('auth.login_failed')
  expect(text).toMatch(/"(127\.0\.0\.1|::1)"/)
})

test('passkeys: register one with a virtual authenticator, log in with it, and as second factor', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000)
  const user = await createVerifiedUser(request)
  await addVirtualAuthenticator(page)
  await logIn(page, user)
  await page.goto('/settings/security')
  const addForm = page.getByRole('form', { name: 'Add a passkey' })
  await addForm.getByLabel('Passkey name').fill('Test laptop')
  // Without the current password, no ceremony starts.
  await addForm.getByRole('button', { name: 'Add passkey' }).click()
  await expect(addForm.getByText('Enter your current password.')).toBeVisible()
  await expect(addForm.getByLabel('Current password')).toBeFocused()
  await addForm.getByLabel('Current password').fill('not-the-password-1')
  await addForm.getByRole('button', { name: 'Add passkey' }).click()
  await expect(addForm.getByText('That is not your current password.')).toBeVisible()
  await expect(addForm.getByLabel('Current password')).toBeFocused()
  await expect(addForm.getByLabel('Passkey name')).toHaveAttribute('required', '')
  await expect(page.getByTestId('passkey')).toHaveCount(0)
  await addForm.getByLabel('Current password').fill(user.password)
  await addForm.getByRole('button', { name: 'Add passkey' }).click()
  await expect(page.getByRole('main').getByText('Passkey “Test laptop” added.')).toBeVisible()
  await expect(page.getByTestId('passkey')).toHaveCount(1)
  await expect(page.getByTestId('passkey').getByText('Test laptop', { exact: true })).toBeVisible()
  await waitForMail(mailDir(), user.email, /passkey was added/)
  await checkLayouts(page)

  // Rename it.
  await page.getByTestId('passkey').getByText('Rename').click()
  await page.getByLabel('New name').fill('Work laptop')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByTestId('passkey').getByText('Work laptop', { exact: true })).toBeVisible()

  // Log in with the passkey alone.
  await logOut(page)
  await page.goto('/login')
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)

  // The password now needs the passkey as second factor.
  await logOut(page)
  await passwordStep(page, user)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)

  // Removing it asks for the current password, then the password alone signs in again.
  await page.goto('/settings/security')
  const passkey = page.getByTestId('passkey')
  const remove = passkey.locator('summary', { hasText: 'Remove' })
  // Each passkey's disclosure names it.
  await expect(remove).toHaveAccessibleName('Remove “Work laptop”')
  await expect(passkey.locator('summary', { hasText: 'Rename' })).toHaveAccessibleName(
    'Rename “Work laptop”',
  )
  await remove.click()
  await passkey.getByLabel('Current password').fill('not-the-password-1')
  await passkey.getByRole('button', { name: 'Remove passkey' }).click()
  await expect(passkey.getByText('That is not your current password.').first()).toBeVisible()
  await expect(passkey.getByLabel('Current password')).toBeFocused()
  await passkey.getByLabel('Current password').fill(user.password)
  await passkey.getByRole('button', { name: 'Remove passkey' }).click()
  await expect(page.getByText('No passkey yet.')).toBeVisible()
  await waitForMail(mailDir(), user.email, /passkey was removed/)
  const rest = await request.post('/api/users/login', { data: user })
  expect((await rest.json()).token).toBeTruthy()
})

test('sessions: two browsers, the other one ended, its next request signed out', async ({
  browser,
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  const other = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  })
  const phone = await other.newPage()
  await logIn(phone, user)

  await page.goto('/settings/security')
  const sessions = page.getByTestId('session')
  await expect(sessions).toHaveCount(2)
  await expect(sessions.filter({ hasText: 'This session' })).toHaveCount(1)
  const iphone = sessions.filter({ hasText: 'Safari on iOS' })
  await expect(iphone).toHaveCount(1)
  await expect(iphone.getByText(/127\.0\.0\.1|::1/)).toBeVisible()
  await checkLayouts(page)
  await iphone.getByRole('button', { name: 'End session' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click()
  await expect(sessions).toHaveCount(1)

  await phone.goto('/settings/security')
  await expect(phone).toHaveURL(/\/login\?next=/)
  // This browser stays signed in.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Security', exact: true })).toBeVisible()
  await other.close()
})

test('changing the password needs the current one, keeps this session and ends the others', async ({
  browser,
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const second = await other.newPage()
  await logIn(second, user)

  await page.goto('/settings/security')
  const form = page.getByRole('form', { name: 'Change password' })
  for (const input of ['password', 'confirmPassword']) {
    await expect(form.locator(`input[name="${input}"]`)).toHaveAttribute('required', '')
  }
  await form.getByLabel('Current password').fill('wrong-password-123')
  await form.locator('input[name="password"]').fill('brand-new-password-1')
  await form.getByLabel('New password again').fill('brand-new-password-1')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(
    page.getByRole('main').getByText('That is not your current password.').first(),
  ).toBeVisible()
  await expect(form.getByLabel('Current password')).toBeFocused()
  await form.getByLabel('Current password').fill(user.password)
  await form.locator('input[name="password"]').fill('brand-new-password-1')
  await form.getByLabel('New password again').fill('brand-new-password-1')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/Password changed/)
      .first(),
  ).toBeVisible()

  await second.goto('/settings/security')
  await expect(second).toHaveURL(/\/login\?next=/)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Security', exact: true })).toBeVisible()
  const relogin = await request.post('/api/users/login', {
    data: { email: user.email, password: 'brand-new-password-1' },
  })
  expect(relogin.status()).toBe(200)
  await other.close()
})

test('an organization that requires 2FA shows a banner and hides its keys from a member without it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000)
  const user = await createVerifiedUser(request)
  const login = await request.post('/api/users/login', { data: user })
  const auth = { Authorization: `JWT ${(await login.json()).token}` }
  const slug = `strict-${Date.now().toString(36)}`
  const created = await request.post('/api/organizations', {
    headers: auth,
    data: { name: 'Strict Studio', slug, members: [] },
  })
  expect(created.status(), await created.text()).toBe(201)
  const org = (await created.json()).doc as { id: number }
  const key = await request.post('/api/api-keys', {
    headers: auth,
    data: {
      name: 'org key',
      environment: 'development',
      scopes: ['models:read'],
      organization: org.id,
    },
  })
  expect(key.status(), await key.text()).toBe(201)
  const orgKeys = async () =>
    (
      await (
        await request.get(`/api/api-keys?where[organization][equals]=${org.id}`, { headers: auth })
      ).json()
    ).totalDocs

  // Requiring it needs it yourself.
  const refused = await request.patch(`/api/organizations/${org.id}`, {
    headers: auth,
    data: { requireTwoFactor: true },
  })
  expect(refused.status()).toBe(403)

  await logIn(page, user)
  const secret = await enableTotp(page)
  await page.getByLabel('Code from the app').fill(await generate({ secret }))
  await page.getByTestId('totp-setup').getByLabel('Current password').fill(user.password)
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible()

  await page.goto(`/settings/organization?org=${slug}`)
  const requirement = page.getByRole('form', { name: 'Two-factor requirement' })
  await requirement.getByLabel('Two-factor authentication for members').selectOption('on')
  await requirement.getByRole('button', { name: 'Save requirement' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/now required of every member/)
      .first(),
  ).toBeVisible()
  await expect(page.getByTestId('two-factor-banner')).toHaveCount(0)
  expect(await orgKeys()).toBe(1)

  // Without it: the banner on every page, and the organization's keys out of reach.
  await page.goto('/settings/security')
  await page.getByText('Turn off the authenticator app').click()
  const turnOff = page.locator('form', {
    has: page.getByRole('button', { name: 'Turn off', exact: true }),
  })
  await turnOff.getByLabel('Current password').fill(user.password)
  await turnOff.getByRole('button', { name: 'Turn off', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible()
  await page.goto('/dashboard')
  const banner = page.getByTestId('two-factor-banner')
  await expect(banner).toContainText('Strict Studio requires two-factor authentication')
  await checkLayouts(page)
  expect(await orgKeys()).toBe(0)
  await page.goto('/api-keys')
  await expect(page.getByRole('main').getByText('org key')).toHaveCount(0)
})

test('/admin honours two-factor authentication: a staff account needs its code to get in', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000)
  const user = await createVerifiedUser(request)
  const admin = await request.post('/api/users/login', { data: DEMO.admin })
  const adminAuth = { Authorization: `JWT ${(await admin.json()).token}` }
  const me = await request.post('/api/users/login', { data: user })
  const { user: created } = (await me.json()) as { user: { id: number } }
  const promoted = await request.patch(`/api/users/${created.id}`, {
    headers: adminAuth,
    data: { roles: ['staff'] },
  })
  expect(promoted.status(), await promoted.text()).toBe(200)

  await logIn(page, user)
  const secret = await enableTotp(page)
  const nextCode = totpCodes(secret)
  await page.getByLabel('Code from the app').fill(await nextCode())
  await page.getByTestId('totp-setup').getByLabel('Current password').fill(user.password)
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible()
  await logOut(page)

  // The admin's own login form would take the password alone: it sends to the portal's login.
  await page.goto('/admin/login')
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/)
  await page.goto('/admin/collections/users')
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fcollections%2Fusers/)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page).toHaveURL(/\/login\/two-factor/)
  // The password alone opens nothing.
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await page.getByLabel('6-digit code').fill(await nextCode())
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByText('Sign-ups today (UTC)')).toBeVisible()

  // Staff reset a member's two-factor authentication from the account's page in /admin.
  const member = await createVerifiedUser(request)
  const memberLogin = await request.post('/api/users/login', { data: member })
  const { user: memberDoc, token } = (await memberLogin.json()) as {
    user: { id: number }
    token: string
  }
  const refused = await request.post(`/api/users/${memberDoc.id}/reset-two-factor`, {
    headers: { Authorization: `JWT ${token}` },
    data: { currentPassword: member.password },
  })
  expect(refused.status()).toBe(403)
  // Not on one's own account, nor (for staff who are not admins) on an admin's.
  await page.goto(`/admin/collections/users/${created.id}`)
  await expect(page.locator('#field-email')).toHaveValue(user.email)
  await expect(page.getByTestId('reset-two-factor')).toHaveCount(0)
  const adminId = ((await admin.json()) as { user: { id: number } }).user.id
  await page.goto(`/admin/collections/users/${adminId}`)
  await expect(page.locator('#field-email')).toHaveValue(DEMO.admin.email)
  await expect(page.getByTestId('reset-two-factor')).toHaveCount(0)

  await page.goto(`/admin/collections/users/${memberDoc.id}`)
  const reset = page.getByTestId('reset-two-factor')
  await reset.getByRole('button', { name: 'Reset two-factor authentication' }).click()
  // The staff member confirms with their own password, then their own app's code.
  const confirm = reset.getByRole('group', { name: 'Confirm the two-factor reset' })
  await confirm.getByLabel('Your password').fill('not-the-password-1')
  await confirm.getByRole('button', { name: 'Confirm: reset two-factor' }).click()
  await expect(confirm.getByRole('alert')).toHaveText('That is not your current password.')
  await expect(confirm.getByLabel('Your password')).toBeFocused()
  await confirm.getByLabel('Your password').fill(user.password)
  await confirm.getByRole('button', { name: 'Confirm: reset two-factor' }).click()
  await expect(confirm.getByRole('alert')).toHaveText(/6-digit code/)
  await expect(confirm.getByLabel('Your authenticator code')).toBeFocused()
  await confirm.getByLabel('Your authenticator code').fill(await nextCode())
  await confirm.getByRole('button', { name: 'Confirm: reset two-factor' }).click()
  await expect(reset.getByRole('status')).toHaveText(/was reset/)
  await waitForMail(mailDir(), member.email, /two-factor authentication was reset/)
})
