import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type Page } from '@playwright/test'

import { waitForMail } from '../helpers/smtp'

export const mailDir = () => process.env.E2E_MAIL_DIR as string

let counter = 0
export const uniqueName = (label: string) =>
  `${label}-${Date.now().toString(36)}${(counter++).toString(36)}`.toLowerCase()

export const DEMO = {
  admin: { email: 'admin@demo.tunetrail.dev', password: 'demo-admin-pass' },
  moderator: { email: 'moderator@demo.tunetrail.dev', password: 'demo-moderator-pass' },
  maya: { email: 'maya@demo.tunetrail.dev', password: 'demo-member-pass' },
  leo: { email: 'leo@demo.tunetrail.dev', password: 'demo-member-pass' },
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation on the current page. */
export async function expectAccessible(page: Page) {
  // Next streams metadata: after a client-side navigation the <title> can land a moment later.
  await expect(page).toHaveTitle(/\S/)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([])
}

/** Signs a user up through the public REST API and confirms the email through the mailed link. */
export async function createVerifiedUser(request: APIRequestContext, email?: string) {
  const username = uniqueName('e2e')
  const user = {
    email: email ?? `${username}@example.test`,
    username,
    name: `E2E ${username}`,
    password: 'e2e-password-123',
  }
  const response = await request.post('/api/users', { data: user })
  expect(response.status(), await response.text()).toBe(201)
  const mail = await waitForMail(mailDir(), user.email, /Confirm your email/)
  const token = new URL(mail.link as string).searchParams.get('token')
  const verified = await request.post(`/api/users/verify/${token}`)
  expect(verified.status(), await verified.text()).toBe(200)
  return user
}

/** The form's own alert (Next also renders an empty route announcer with role=alert). */
export const formAlert = (page: Page) => page.getByRole('main').getByRole('alert')

export async function logIn(page: Page, credentials: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
}

/** Fails when the page scrolls sideways, naming the elements that stick out. */
export async function expectNoOverflow(page: Page) {
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(-6)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').slice(0, 40)}"`,
          )
      : [],
  )
  expect(wide).toEqual([])
}

/**
 * A platform passkey in Chromium (the DevTools protocol's virtual authenticator) that verifies
 * its user, for the pages' WebAuthn ceremonies.
 */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  })
  return cdp
}
