import { expect, test } from '@playwright/test'

import { waitForMail } from '../helpers/smtp'

import {
  createVerifiedUser,
  expectAccessible,
  formAlert,
  logIn,
  mailDir,
  uniqueName,
} from './helpers'

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
)

test('signs up, confirms the email from the mail, logs in and edits the profile', async ({
  page,
}) => {
  const username = uniqueName('flow')
  const email = `${username}@example.test`
  await page.goto('/signup')
  await expectAccessible(page)
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Flow Tester')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('flow-password-123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status')).toContainText(`confirmation link to ${email}`)

  // Not confirmed yet: logging in is refused with a clear message.
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('flow-password-123')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(formAlert(page)).toContainText(/verify your email/i)

  const mail = await waitForMail(mailDir(), email, /Confirm your email/)
  await page.goto(mail.link as string)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Confirm my email' }).click()
  await expect(page).toHaveURL(/\/login\?verified=1/)
  await expect(page.getByText('Your email is confirmed')).toBeVisible()

  await logIn(page, { email, password: 'flow-password-123' })
  await page.goto('/settings/profile')
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Bio').fill('I make playlists from stems.')
  // Empty link rows stay behind "Add link"; the new row takes the focus.
  await expect(page.getByLabel('Link 1 label')).toHaveCount(0)
  await page.getByRole('button', { name: 'Add link' }).click()
  await expect(page.getByLabel('Link 1 label')).toBeFocused()
  await page.getByLabel('Link 1 label').fill('GitHub')
  await page.getByLabel('Link 1 URL').fill('https://github.com/flow')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByRole('main').getByText('Profile saved.')).toBeVisible()
  await expect(page.locator('[aria-live="polite"]').getByText('Profile saved.')).toBeVisible()

  await page
    .getByLabel('Image')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG })
  await page.getByRole('button', { name: 'Upload avatar' }).click()
  await expect(page.getByRole('main').getByText('Avatar updated.')).toBeVisible()

  await page.reload()
  await expect(page.getByLabel('Bio')).toHaveValue('I make playlists from stems.')
  await expect(page.getByLabel('Link 1 URL')).toHaveValue('https://github.com/flow')
  await expect(page.getByRole('img', { name: /Avatar of Flow Tester/ })).toBeVisible()

  await page.getByRole('button', { name: /account menu/ }).click()
  await page.getByRole('menuitem', { name: 'Log out' }).click()
  await expect(page).toHaveURL(/\/login\?loggedOut=1/)
})

test('resets a forgotten password through the mailed link', async ({ page, request }) => {
  const user = await createVerifiedUser(request)
  await page.goto('/forgot-password')
  await expectAccessible(page)
  await page.getByLabel('Email').fill(user.email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('status')).toContainText('a reset link is on its way')

  const mail = await waitForMail(mailDir(), user.email, /Reset your TuneTrail Community password/)
  await page.goto(mail.link as string)
  await expectAccessible(page)
  await page
    .getByRole('textbox', { name: 'New password', exact: true })
    .fill('brand-new-password-1')
  await page.getByLabel('Repeat the new password').fill('not-the-same-password')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('The two passwords do not match.')).toBeVisible()

  await page
    .getByRole('textbox', { name: 'New password', exact: true })
    .fill('brand-new-password-1')
  await page.getByLabel('Repeat the new password').fill('brand-new-password-1')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page).toHaveURL(/\/login\?reset=1/)
  await logIn(page, { email: user.email, password: 'brand-new-password-1' })
})

test('locks an account after repeated wrong passwords', async ({ page, request }) => {
  const user = await createVerifiedUser(request)
  await page.goto('/login')
  const attempt = async (password: string) => {
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(password)
    // Wait for the action's answer before typing again (the form re-renders with it).
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
      page.getByRole('button', { name: 'Log in' }).click(),
    ])
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled()
  }
  for (let i = 0; i < 5; i++) {
    await attempt(`wrong-password-${i}`)
    await expect(formAlert(page)).toContainText(/incorrect|locked/i)
  }
  await attempt(user.password)
  await expect(formAlert(page)).toContainText(/locked/i)
  await expect(page).toHaveURL(/\/login/)
})

test('shows a clear message for every bad input', async ({ page, request }) => {
  await page.goto('/signup')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Enter your name.')).toBeVisible()
  await expect(page.getByText(/Username must be 3 to 32/)).toBeVisible()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
  await expect(page.getByText('Password must be at least 10 characters long.')).toBeVisible()
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')

  const taken = await createVerifiedUser(request)
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Copy Cat')
  await page.getByLabel('Username').fill(uniqueName('copy'))
  await page.getByLabel('Email').fill(taken.email)
  await page.getByLabel('Password').fill('copy-password-123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText(/An account with this email already exists/)).toBeVisible()

  await page.goto('/login')
  await page.getByLabel('Email').fill(taken.email)
  await page.getByLabel('Password').fill('not-my-password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(formAlert(page)).toContainText(/email or password provided is incorrect/i)

  await page.goto('/forgot-password')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()

  await page.goto('/reset-password?token=not-a-real-token-at-all')
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('whatever-password-1')
  await page.getByLabel('Repeat the new password').fill('whatever-password-1')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(formAlert(page)).toContainText(/invalid or has expired/)

  await logIn(page, taken)
  await page.goto('/settings/profile')
  await page.getByRole('button', { name: 'Add link' }).click()
  await page.getByLabel('Link 1 label').fill('Site')
  await page.getByLabel('Link 1 URL').fill('javascript:alert(1)')
  await page.getByLabel('Username').fill('No Spaces Allowed')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByText('Link must be a full http(s) URL.')).toBeVisible()
  await expect(page.getByText(/Username must be 3 to 32/)).toBeVisible()

  await page.goto('/settings/organization')
  await page.getByLabel('Organization name').fill('Bad Slug Inc')
  await page.getByLabel('Slug').fill('Bad Slug!')
  await page.getByRole('button', { name: 'Create organization' }).click()
  await expect(page.getByText(/Slug must be lower-case letters/)).toBeVisible()
})

test('changes email only once the new address confirms it', async ({ page, request }) => {
  const user = await createVerifiedUser(request)
  const next = `${uniqueName('moved')}@example.test`
  await logIn(page, user)
  await page.goto('/settings/profile')
  await page.getByLabel('New email').fill(next)
  await page.getByRole('button', { name: 'Change email' }).click()
  await expect(page.getByRole('main').getByText(`Check the inbox of ${next}`)).toBeVisible()
  await page.reload()
  await expect(page.getByText(`Waiting for ${next} to confirm`)).toBeVisible()
  await expect(page.getByText(`You sign in with ${user.email}`)).toBeVisible()
  expect((await waitForMail(mailDir(), user.email, /about to change/)).html).toContain(next)

  const mail = await waitForMail(mailDir(), next, /Confirm your new email/)
  await page.goto(mail.link as string)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Confirm new email' }).click()
  await expect(page.getByRole('main').getByText(`Your email is now ${next}`)).toBeVisible()

  await page.context().clearCookies()
  await logIn(page, { email: next, password: user.password })
  await page.goto('/settings/profile')
  await expect(page.getByText(`You sign in with ${next}`)).toBeVisible()
})
