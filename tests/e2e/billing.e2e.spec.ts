import { expect, test, type Page } from '@playwright/test'
import pg from 'pg'

import { createVerifiedUser, expectAccessible, expectNoOverflow, logIn } from './helpers'

async function checkPage(page: Page, heading: string | RegExp) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 })
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
}

async function database<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const env = JSON.parse(process.env.E2E_SERVER_ENV as string) as { DATABASE_URL: string }
  const client = new pg.Client({ connectionString: env.DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

test('a free member upgrades to pro with a proration preview, then cancels at period end', async ({
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
    .getByRole('link', { name: 'Billing' })
    .click()
  await expect(page).toHaveURL(/\/settings\/billing$/)
  await expect(page.getByRole('heading', { name: 'Free plan' })).toBeVisible()
  await expect(page.getByRole('progressbar', { name: 'API calls this period' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Plans compared' })).toContainText('$99.00')
  await checkPage(page, 'Billing')

  await page.setViewportSize({ width: 1280, height: 900 })
  await page.getByRole('link', { name: 'Switch to Pro' }).click()
  await expect(page).toHaveURL(/\/settings\/billing\/change\?account=u\d+&plan=pro$/)
  const proration = await page.getByTestId('proration').textContent()
  expect(proration).toMatch(/^\$\d+\.\d\d$/)
  await checkPage(page, /Switch your account to Pro/)
  await page.getByRole('button', { name: 'Switch to Pro' }).click()
  await expect(page).toHaveURL(/\/settings\/billing\?account=u\d+&changed=pro$/)
  await expect(page.getByRole('heading', { name: 'Pro plan' })).toBeVisible()
  await expect(
    page
      .getByRole('main')
      .getByText(/is now on the Pro plan/)
      .first(),
  ).toBeVisible()

  // The change is recorded with the amount the preview showed.
  const account = new URL(page.url()).searchParams.get('account') as string
  const recorded = await database((client) =>
    client.query('SELECT amount_cents FROM billing_plan_changes WHERE account = $1', [account]),
  )
  expect(`$${(recorded.rows[0].amount_cents / 100).toFixed(2)}`).toBe(proration)

  // A downgrade's preview credits nothing of the rest of the period (no upgrade-then-downgrade
  // for free); the member keeps pro here.
  await page.getByRole('link', { name: 'Switch to Free' }).click()
  await expect(page.getByTestId('proration')).toHaveText('$0.00')
  await expect(page.getByText(/A downgrade applies at once and credits nothing/)).toBeVisible()
  await page.getByRole('link', { name: 'Keep the current plan' }).click()
  await expect(page.getByRole('heading', { name: 'Pro plan' })).toBeVisible()

  const details = page.getByRole('region', { name: 'Payment method and billing details' })
  await details.getByLabel('Name on invoices').fill('Groove Testing Ltd')
  await details.getByLabel('Address').fill('1 Music Lane\nBerlin')
  await details.getByRole('button', { name: 'Save billing details' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/Billing details saved/)
      .first(),
  ).toBeVisible()

  const cancel = page.getByRole('form', { name: 'Cancel the plan' })
  await cancel.getByRole('button', { name: 'Cancel at period end' }).click()
  await expect(cancel.getByText('Choose a reason.')).toBeVisible()
  await cancel.getByLabel('Why are you cancelling?').selectOption('too_expensive')
  await cancel.getByRole('button', { name: 'Cancel at period end' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/Your plan ends on/)
      .first(),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Keep my plan' }).click()
  // Withdrawn: the plan continues and the cancellation form is back.
  await expect(cancel.getByRole('button', { name: 'Cancel at period end' })).toBeVisible()
  await expect(page.getByRole('main').getByText(/Your plan ends on/)).toHaveCount(0)
  await context.close()
})

test('an invoice lists plan and usage and prints; another member cannot open it', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const context = await browser.newContext()
  const page = await context.newPage()
  await logIn(page, user)
  const number = `INV-E2E${Date.now().toString().slice(-6)}`
  const invoiceId = await database(async (client) => {
    const { rows: users } = await client.query('SELECT id FROM users WHERE email = $1', [
      user.email,
    ])
    const { rows } = await client.query(
      `INSERT INTO invoices (number, account, owner_id, period_start, period_end, status, plan,
                             currency, subtotal_cents, total_cents, lines, billed_to, provider)
       VALUES ($1, $2, $3, '2026-10-01', '2026-11-01', 'open', 'pro', 'usd', 6600, 6600, $4, '{}', 'manual')
       RETURNING id`,
      [
        number,
        `u${users[0].id}`,
        users[0].id,
        JSON.stringify([
          {
            kind: 'plan',
            description: 'Free plan, Oct 1 – Oct 31, 2026',
            quantity: 1,
            amountCents: 0,
          },
          {
            kind: 'proration',
            description: 'Free → Pro on Oct 11, 2026',
            quantity: 1,
            amountCents: 6600,
          },
          {
            kind: 'usage',
            description: 'API calls: 42 used of 3,000,000 included',
            quantity: 42,
            amountCents: 0,
          },
        ]),
      ],
    )
    return rows[0].id as number
  })
  await page.goto('/settings/billing')
  await page.getByRole('link', { name: number }).click()
  await expect(page).toHaveURL(new RegExp(`/settings/billing/invoices/${invoiceId}$`))
  await expect(page.getByTestId('invoice-total')).toHaveText('$66.00')
  await expect(page.getByRole('table', { name: 'Invoice lines' })).toContainText(
    'API calls: 42 used',
  )
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible()
  await checkPage(page, `Invoice ${number}`)

  const other = await createVerifiedUser(request)
  const otherContext = await browser.newContext()
  const otherPage = await otherContext.newPage()
  await logIn(otherPage, other)
  const response = await otherPage.goto(`/settings/billing/invoices/${invoiceId}`)
  expect(response?.status()).toBe(404)
  const foreign = await otherPage.goto(`/settings/billing?account=u${invoiceId + 100000}`)
  expect(foreign?.status()).toBe(404)
  await otherContext.close()
  await context.close()
})

test('an enterprise account sees its plan and custom limits but no self-serve change', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  await database((client) =>
    client.query(`UPDATE users SET plan = 'enterprise' WHERE email = $1`, [user.email]),
  )
  const context = await browser.newContext()
  const page = await context.newPage()
  await logIn(page, user)
  await page.goto('/settings/billing')
  await expect(page.getByRole('heading', { name: 'Enterprise plan' })).toBeVisible()
  const plans = page.getByRole('region', { name: 'Plans', exact: true })
  await expect(plans.getByText(/Enterprise plans are changed by TuneTrail staff/)).toBeVisible()
  await expect(plans.getByRole('link', { name: /^Switch to/ })).toHaveCount(0)
  await expect(page.getByRole('form', { name: 'Cancel the plan' })).toHaveCount(0)
  await checkPage(page, 'Billing')

  // The change page, opened by its address, refuses too and offers no button.
  await page.goto('/settings/billing/change?plan=pro')
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Enterprise plans are changed by TuneTrail staff',
  )
  await expect(page.getByRole('button', { name: /Switch to|Continue to payment/ })).toHaveCount(0)
  await checkPage(page, 'Change plan')
  await context.close()
})
