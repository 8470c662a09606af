import { expect, test } from '@playwright/test'

import { waitForMail } from '../helpers/smtp'

import {
  createVerifiedUser,
  DEMO,
  expectAccessible,
  formAlert,
  logIn,
  mailDir,
  uniqueName,
} from './helpers'

test('an owner invites a teammate, who accepts and appears as a member', async ({
  browser,
  request,
}) => {
  const inviteeEmail = `${uniqueName('teammate')}@example.test`

  const owner = await (await browser.newContext()).newPage()
  await logIn(owner, DEMO.maya)
  await owner.goto('/settings/organization')
  await expect(owner.getByRole('heading', { name: /Groove Labs/ })).toBeVisible()
  await expectAccessible(owner)
  await owner.getByLabel('Email').fill(inviteeEmail)
  await owner.getByRole('button', { name: 'Send invitation' }).click()
  await expect(
    owner.getByRole('main').getByText(`Invitation sent to ${inviteeEmail}.`),
  ).toBeVisible()
  // Announced where the eye is, too.
  await expect(
    owner.locator('[aria-live="polite"]').getByText(`Invitation sent to ${inviteeEmail}.`),
  ).toBeVisible()
  await expect(owner.getByText(`${inviteeEmail} · member`)).toBeVisible()

  const mail = await waitForMail(mailDir(), inviteeEmail, /invited you to Groove Labs/)
  const invitee = await createVerifiedUser(request, inviteeEmail)

  const page = await (await browser.newContext()).newPage()
  await page.goto(mail.link as string)
  await expect(page.getByRole('heading', { name: 'Join Groove Labs' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Log in to accept' }).click()
  await page.getByLabel('Email').fill(invitee.email)
  await page.getByLabel('Password').fill(invitee.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/invitations\/accept/)
  await page.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(page).toHaveURL(/\/settings\/organization\?org=groove-labs/)
  await expect(
    page.getByRole('cell', { name: new RegExp(`@${invitee.username} \\(you\\)`) }),
  ).toBeVisible()

  // The link works once.
  await page.goto(mail.link as string)
  await expect(formAlert(page)).toContainText('already accepted')

  // The owner sees the new member and can remove them after confirming.
  await owner.reload()
  const row = owner.getByRole('row', { name: new RegExp(`@${invitee.username}`) })
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: 'Remove' }).click()
  await expect(owner.getByRole('alertdialog')).toContainText(`Remove E2E ${invitee.username}?`)
  await owner.getByRole('button', { name: 'Cancel' }).click()
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: 'Remove' }).click()
  await owner.getByRole('button', { name: 'Remove member' }).click()
  await expect(owner.getByRole('row', { name: new RegExp(`@${invitee.username}`) })).toHaveCount(0)
})

test('a member without an organization sees an empty state and can create one', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  await page.goto('/settings/organization')
  await expect(page.getByText('You are not in an organization yet')).toBeVisible()
  const slug = uniqueName('studio')
  await page.getByLabel('Organization name').fill('Night Studio')
  await page.getByLabel('Slug').fill(slug)
  await page.getByRole('button', { name: 'Create organization' }).click()
  await expect(page).toHaveURL(new RegExp(`org=${slug}`))
  await expect(page.getByRole('heading', { name: /Night Studio/ })).toContainText('you are owner')
})

test('a member leaves an organization; its only owner is told to hand it over first', async ({
  page,
  request,
}) => {
  const owner = await createVerifiedUser(request)
  const login = await request.post('/api/users/login', { data: owner })
  const auth = { Authorization: `JWT ${(await login.json()).token}` }
  const slug = uniqueName('leavers')
  const created = await request.post('/api/organizations', {
    headers: auth,
    data: { name: 'Leavers Club', slug },
  })
  expect(created.status(), await created.text()).toBe(201)
  const organization = (await created.json()).doc
  const memberEmail = `${uniqueName('leaver')}@example.test`
  const invited = await request.post('/api/organization-invitations', {
    headers: auth,
    data: { organization: organization.id, email: memberEmail, role: 'member' },
  })
  expect(invited.status(), await invited.text()).toBe(201)
  const mail = await waitForMail(mailDir(), memberEmail, /invited you to Leavers Club/)
  const member = await createVerifiedUser(request, memberEmail)

  await logIn(page, member)
  await page.goto(mail.link as string)
  await page.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(page).toHaveURL(new RegExp(`org=${slug}`))
  await page.getByRole('button', { name: 'Leave organization' }).click()
  await expect(page.getByRole('alertdialog')).toContainText('Leave Leavers Club?')
  await page.getByRole('button', { name: 'Leave', exact: true }).click()
  await expect(page.getByText('You left Leavers Club.')).toBeVisible()
  await expect(page.getByText('You are not in an organization yet')).toBeVisible()
  await expectAccessible(page)

  await page.context().clearCookies()
  await logIn(page, owner)
  await page.goto(`/settings/organization?org=${slug}`)
  await expect(page.getByText('You are its only owner')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Leave organization' })).toHaveCount(0)
  await expect(page.getByRole('row', { name: new RegExp(`@${member.username}`) })).toHaveCount(0)
})
