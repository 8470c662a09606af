import http from 'node:http'
import type { AddressInfo } from 'node:net'

import config from '@payload-config'
import { configToSchema } from '@payloadcms/graphql'
import { graphql as executeGraphql } from 'graphql'
import { createLocalReq, handleEndpoints } from 'payload'
import pg from 'pg'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { settingsTabs } from '@/app/(portal)/settings/_components/SettingsNav'
import { POST as stripeWebhook } from '@/app/api/billing/stripe/webhook/route'
import { requireBilling } from '@/data/billing'
import { accountKeyHashes, billingAccountsOf } from '@/lib/billing/accounts'
import { isBillingOn } from '@/lib/billing/config'
import { draftInvoice, issueInvoice, issueInvoices } from '@/lib/billing/invoices'
import { periodOf, prorate } from '@/lib/billing/period'
import { changePlan, previewChange } from '@/lib/billing/planChange'
import { cancelAtPeriodEnd, saveDetails, setCustomerRef } from '@/lib/billing/profile'
import { manualProvider, stripeProvider } from '@/lib/billing/provider'
import { resetStripeClient } from '@/lib/billing/stripe'
import { parseEnv, setEnv } from '@/lib/env'
import { invalidateKeyHash } from '@/lib/keys/cache'
import { closeKeyService, verifyKey } from '@/lib/keys/service'
import { insertUsageEvents } from '@/lib/usage/events'
import type { User } from '@/payload-types'

import { asUser, issueKey, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { inPgTransaction } from '../helpers/pgTransaction'

let db: pg.Pool

beforeAll(() => {
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
})
afterAll(async () => {
  await closeKeyService()
  await db.end()
})

const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(db, work)

/** What the page's action does after the transaction: the account's keys leave the caches. */
async function forgetKeys(account: string) {
  for (const hash of await accountKeyHashes(db, account)) invalidateKeyHash(hash)
  await new Promise((resolve) => setTimeout(resolve, 50))
}

const MID_NOVEMBER = new Date(Date.UTC(2026, 10, 11)) // 20 of 30 days left
const DECEMBER = new Date(Date.UTC(2026, 11, 1, 1))

describe('billing is off by default', () => {
  it('has no billing nav entry, page or webhook unless BILLING=on', async () => {
    expect(parseEnv({}).BILLING).toBe('off')
    expect(isBillingOn()).toBe(false)
    expect(settingsTabs(false).map((tab) => tab.href)).not.toContain('/settings/billing')
    expect(settingsTabs(true).map((tab) => tab.href)).toContain('/settings/billing')
    expect(() => requireBilling()).toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/)
    const response = await stripeWebhook(
      new Request('http://localhost/api/billing/stripe/webhook', { method: 'POST', body: '{}' }),
    )
    expect(response.status).toBe(404)
  })

  it('answers no invoice route, REST or GraphQL, unless BILLING=on', async () => {
    const user = await makeUser()
    const issued = await inTransaction((c) =>
      issueInvoice(c, `u${user.id}`, periodOf(new Date(Date.UTC(2026, 5, 5))), DECEMBER),
    )
    const id = issued?.id as number
    const login = await (
      await testPayload()
    ).login({
      collection: 'users',
      data: { email: user.email, password: 'correct-horse-battery' },
    })
    const headers = { Authorization: `JWT ${login.token}`, 'Content-Type': 'application/json' }
    // What /api/[...slug] does (REST_GET and friends of @payloadcms/next).
    const rest = (path: string, init: RequestInit = {}) =>
      handleEndpoints({
        config,
        path: `/api/${path}`,
        request: new Request(`http://localhost:3000/api/${path}`, { ...init, headers }),
      })
    // The schema /api/graphql serves, run as a GraphQL request of the user (the route's own
    // HTTP layer loads a second copy of graphql under vitest).
    const { schema } = configToSchema(await config)
    const graphql = async (query: string) => {
      const req = await createLocalReq({ user: asUser(user) }, await testPayload())
      req.payloadAPI = 'GraphQL'
      return executeGraphql({ schema, source: query, contextValue: { headers: {}, req } })
    }
    const listQuery = '{ Invoices { docs { id number totalCents } } }'
    const queries = [
      listQuery,
      `{ Invoice(id: ${id}) { id number } }`,
      `{ countInvoices { totalDocs } }`,
      `mutation { updateInvoice(id: ${id}, data: { status: paid }) { id status } }`,
    ]

    for (const path of ['invoices', `invoices/${id}`, 'invoices/count', `invoices/access/${id}`]) {
      expect((await rest(path)).status, path).toBe(404)
    }
    expect(
      (await rest(`invoices/${id}`, { method: 'PATCH', body: '{"status":"paid"}' })).status,
    ).toBe(404)
    for (const query of queries) {
      const answer = await graphql(query)
      expect(JSON.stringify(answer.data ?? null), query).not.toContain(String(issued?.number))
      expect(answer.errors?.[0]?.message, query).toMatch(/not found/i)
    }

    setEnv('BILLING', 'on')
    try {
      const list = await rest('invoices')
      expect(list.status).toBe(200)
      expect(((await list.json()) as { docs: { id: number }[] }).docs.map((doc) => doc.id)).toEqual(
        [id],
      )
      const answer = await graphql(listQuery)
      expect(answer.errors).toBeUndefined()
      expect(
        (
          await graphql(`
            {
              countInvoices {
                totalDocs
              }
            }
          `)
        ).data,
      ).toEqual({
        countInvoices: { totalDocs: 1 },
      })
      expect(JSON.stringify(answer.data)).toContain(String(issued?.number))
    } finally {
      delete process.env.BILLING
      setEnv('NODE_ENV', process.env.NODE_ENV ?? 'test')
    }
  })
})

describe('plans, proration and invoices (manual provider)', () => {
  it('prorates a change for the rest of the period', () => {
    expect(prorate('free', 'pro', MID_NOVEMBER)).toBe(6600)
    expect(prorate('free', 'pro', periodOf(MID_NOVEMBER).start)).toBe(9900)
    // A downgrade applies at once and credits nothing of the higher plan's rest of the period.
    expect(prorate('pro', 'starter', MID_NOVEMBER)).toBe(0)
    expect(prorate('pro', 'free', MID_NOVEMBER)).toBe(0)
  })

  it('does not let an upgrade and a downgrade in the same period net to nothing', async () => {
    const user = await makeUser()
    const account = `u${user.id}`
    const key = await issueKey(user)
    const day = (n: number) => new Date(MID_NOVEMBER.getTime() + n * 86_400_000)
    const up = await inTransaction((c) =>
      changePlan(c, { account, to: 'pro', actorId: user.id, now: MID_NOVEMBER }),
    )
    expect(up.prorationCents).toBe(6600)
    await forgetKeys(account)
    expect((await verifyKey({ key: key.key })).ratelimit?.limit).toBeGreaterThanOrEqual(300)

    // Back to free a day later: the preview, the change and the limiter agree, no credit.
    const downPreview = await previewChange(db, account, 'pro', 'free', day(1))
    expect(downPreview.prorationCents).toBe(0)
    const down = await inTransaction((c) =>
      changePlan(c, { account, to: 'free', actorId: user.id, now: day(1) }),
    )
    expect(down.prorationCents).toBe(0)
    await forgetKeys(account)
    const limited = await verifyKey({ key: key.key })
    expect(limited).toMatchObject({ valid: true, plan: 'free' })
    expect(limited.ratelimit?.limit).toBeLessThanOrEqual(1000)

    // Up again the next day: the rest of the period is paid for already at pro.
    const againPreview = await previewChange(db, account, 'free', 'pro', day(2))
    expect(againPreview.prorationCents).toBe(0)
    const again = await inTransaction((c) =>
      changePlan(c, { account, to: 'pro', actorId: user.id, now: day(2) }),
    )
    expect(again.prorationCents).toBe(againPreview.prorationCents)

    const draft = await draftInvoice(db, account, periodOf(MID_NOVEMBER), DECEMBER)
    expect(draft?.lines.filter((line) => line.kind !== 'usage').map((l) => l.amountCents)).toEqual([
      0, 6600, 0, 0,
    ])
    expect(draft?.lines[2].description).toMatch(/^Pro → Free on Nov 12, 2026: no credit/)
    expect(draft?.totalCents).toBe(6600)
  })

  it('charges a paying member who downgrades the full period of the plan they started on', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    const preview = await previewChange(db, account, 'pro', 'starter', MID_NOVEMBER)
    expect(preview.prorationCents).toBe(0)
    await inTransaction((c) =>
      changePlan(c, { account, to: 'starter', actorId: user.id, now: MID_NOVEMBER }),
    )
    // Starter → pro later on: pro's price for the rest of the period is paid already.
    const back = await previewChange(
      db,
      account,
      'starter',
      'pro',
      new Date(MID_NOVEMBER.getTime() + 86_400_000),
    )
    expect(back.prorationCents).toBe(0)
    const draft = await draftInvoice(db, account, periodOf(MID_NOVEMBER), DECEMBER)
    expect(draft?.totalCents).toBe(9900)
    expect(draft?.plan).toBe('starter')
  })

  it('upgrades a free member to pro: the limiter applies pro limits at once and the invoice matches the preview', async () => {
    const user = await makeUser()
    const account = `u${user.id}`
    const key = await issueKey(user)
    const before = await verifyKey({ key: key.key })
    expect(before).toMatchObject({ valid: true, plan: 'free' })
    expect(before.ratelimit?.limit).toBeLessThanOrEqual(1000)

    const preview = await previewChange(db, account, 'free', 'pro', MID_NOVEMBER)
    expect(preview).toMatchObject({ prorationCents: 6600, nextPeriodCents: 9900, keysOverCap: 0 })
    const applied = await inTransaction((client) =>
      changePlan(client, { account, to: 'pro', actorId: user.id, now: MID_NOVEMBER }),
    )
    expect(applied.prorationCents).toBe(preview.prorationCents)
    await forgetKeys(account)

    const after = await verifyKey({ key: key.key })
    expect(after).toMatchObject({ valid: true, plan: 'pro' })
    // Pro's smallest window is 300 a minute; free's is 10.
    expect(after.ratelimit?.limit).toBeGreaterThanOrEqual(300)

    await insertUsageEvents(db, [
      ...Array.from({ length: 3 }, () => ({
        occurredAt: new Date(Date.UTC(2026, 10, 15)),
        kind: 'verify' as const,
        keyId: key.id,
        account,
        code: 'VALID',
        resource: 'api_calls',
        cost: 1,
      })),
      {
        occurredAt: new Date(Date.UTC(2026, 10, 16)),
        kind: 'verify' as const,
        keyId: key.id,
        account,
        code: 'VALID',
        resource: 'audio_processing',
        cost: 2,
      },
      // Refused calls and other periods are not billed.
      {
        occurredAt: new Date(Date.UTC(2026, 10, 16)),
        kind: 'verify' as const,
        keyId: key.id,
        account,
        code: 'RATE_LIMITED',
      },
      {
        occurredAt: new Date(Date.UTC(2026, 11, 2)),
        kind: 'verify' as const,
        keyId: key.id,
        account,
        code: 'VALID',
      },
    ])

    expect(await issueInvoices(db, DECEMBER)).toBeGreaterThanOrEqual(1)
    const { rows } = await db.query(
      `SELECT id, number, status, plan, total_cents, lines FROM invoices WHERE account = $1`,
      [account],
    )
    expect(rows).toHaveLength(1)
    const invoice = rows[0]
    expect(invoice.number).toMatch(/^INV-\d{6}$/)
    expect(invoice).toMatchObject({ status: 'open', plan: 'pro' })
    expect(Number(invoice.total_cents)).toBe(6600)
    const lines = invoice.lines as { kind: string; description: string; amountCents: number }[]
    expect(lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ['plan', 0],
      ['proration', preview.prorationCents],
      ['usage', 0],
      ['usage', 0],
      ['usage', 0],
    ])
    expect(lines[0].description).toMatch(/^Free plan, Nov 1, 2026 – Nov 30, 2026$/)
    expect(lines[2].description).toBe('API calls: 4 used of 3,000,000 included')
    expect(lines[3].description).toBe('Audio processing: 2 used of 30,000 included')

    // A second run (the next hour) issues nothing more for the period.
    await issueInvoices(db, new Date(DECEMBER.getTime() + 3_600_000))
    const again = await db.query('SELECT count(*)::int AS n FROM invoices WHERE account = $1', [
      account,
    ])
    expect(again.rows[0].n).toBe(1)
    // December's invoice starts from pro.
    const next = await draftInvoice(db, account, periodOf(DECEMBER), DECEMBER)
    expect(next?.lines[0]).toMatchObject({ kind: 'plan', amountCents: 9900 })
  })

  it('numbers invoices without gaps, even when an issue is rolled back', async () => {
    const a = await makeUser()
    const b = await makeUser()
    const period = periodOf(new Date(Date.UTC(2026, 8, 10)))
    const client = await db.connect()
    try {
      await client.query('BEGIN')
      await issueInvoice(client, `u${a.id}`, period, DECEMBER)
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
    const first = await inTransaction((c) => issueInvoice(c, `u${a.id}`, period, DECEMBER))
    const second = await inTransaction((c) => issueInvoice(c, `u${b.id}`, period, DECEMBER))
    const n = (value: string | undefined) => Number(value?.slice(4))
    expect(n(second?.number)).toBe(n(first?.number) + 1)
    const { rows } = await db.query('SELECT max(last) AS last FROM invoice_numbers')
    expect(rows[0].last).toBe(n(second?.number))
  })

  it('asks which keys to revoke when a downgrade exceeds the new key cap', async () => {
    const user = await makeUser(['member'], { plan: 'starter' })
    const other = await makeUser()
    const keys: { id: number; key: string }[] = []
    for (let i = 0; i < 6; i++) keys.push(await issueKey(user))
    const foreign = await issueKey(other)
    const account = `u${user.id}`
    const preview = await previewChange(db, account, 'starter', 'free', MID_NOVEMBER)
    expect(preview).toMatchObject({ keysOverCap: 1, keyCap: 5 })
    await expect(
      inTransaction((c) => changePlan(c, { account, to: 'free', actorId: user.id })),
    ).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/choose 1 to revoke/) })
    await expect(
      inTransaction((c) =>
        changePlan(c, { account, to: 'free', actorId: user.id, revokeKeyIds: [foreign.id] }),
      ),
    ).rejects.toMatchObject({ status: 400 })
    await inTransaction((c) =>
      changePlan(c, { account, to: 'free', actorId: user.id, revokeKeyIds: [keys[0].id] }),
    )
    await forgetKeys(account)
    const { rows } = await db.query(
      `SELECT id, status FROM api_keys WHERE id = ANY($1::int[]) ORDER BY id`,
      [[keys[0].id, keys[1].id, foreign.id]],
    )
    expect(rows.map((row) => row.status)).toEqual(['revoked', 'active', 'active'])
    expect((await verifyKey({ key: keys[0].key })).code).toBe('REVOKED')
    expect(await verifyKey({ key: keys[1].key })).toMatchObject({ valid: true, plan: 'free' })
  })

  it('refuses enterprise, the same plan and unknown plans with a clear 4xx', async () => {
    const user = await makeUser()
    const account = `u${user.id}`
    for (const [to, status] of [
      ['enterprise', 400],
      ['free', 409],
      ['platinum', 400],
    ] as const) {
      await expect(
        inTransaction((c) => changePlan(c, { account, to, actorId: user.id })),
      ).rejects.toMatchObject({ status })
    }
  })

  it('refuses self-serve changes away from enterprise on every door; staff still change it', async () => {
    const user = await makeUser(['member'], { plan: 'enterprise' })
    const account = `u${user.id}`
    const staffOnly = {
      status: 403,
      message: expect.stringMatching(/^plan: Enterprise plans are changed by TuneTrail staff/),
    }
    for (const to of ['pro', 'starter', 'free']) {
      await expect(
        inTransaction((c) => changePlan(c, { account, to, actorId: user.id })),
      ).rejects.toMatchObject(staffOnly)
      await expect(
        inTransaction((c) =>
          manualProvider.changePlan({
            db: c,
            account,
            accountName: user.name,
            to,
            revokeKeyIds: [],
            actorId: user.id,
            email: user.email,
            returnUrl: 'http://localhost:3000/settings/billing',
          }),
        ),
      ).rejects.toMatchObject(staffOnly)
    }
    // Cancelling at the period's end would move it to free there.
    await expect(cancelAtPeriodEnd(db, account, 'too_expensive', 'manual')).rejects.toMatchObject(
      staffOnly,
    )
    expect((await db.query('SELECT plan FROM users WHERE id = $1', [user.id])).rows[0].plan).toBe(
      'enterprise',
    )
    const staffMove = await inTransaction((c) =>
      changePlan(c, { account, to: 'free', actorId: null, allowAnyPlan: true, now: MID_NOVEMBER }),
    )
    expect(staffMove.from).toBe('enterprise')
    const draft = await draftInvoice(db, account, periodOf(MID_NOVEMBER), DECEMBER)
    expect(draft?.lines[1].description).toBe(
      'Enterprise → Free on Nov 11, 2026, by TuneTrail staff: Enterprise is billed by contract',
    )
  })

  it('moves a plan cancelled at the period end to free when the period is invoiced', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    await cancelAtPeriodEnd(db, account, 'too_expensive', 'manual', MID_NOVEMBER)
    const result = await inTransaction((c) =>
      issueInvoice(c, account, periodOf(MID_NOVEMBER), DECEMBER),
    )
    expect(result?.cancelled).toBe(true)
    const { rows } = await db.query('SELECT plan FROM users WHERE id = $1', [user.id])
    expect(rows[0].plan).toBe('free')
    const invoice = await db.query('SELECT total_cents FROM invoices WHERE id = $1', [result?.id])
    expect(Number(invoice.rows[0].total_cents)).toBe(9900)
  })
})

describe('invoices in /admin and on the page', () => {
  it('shows invoices to their account and its managers only; staff mark them paid', async () => {
    const payload = await testPayload()
    const owner = await makeUser()
    const admin = await makeUser()
    const member = await makeUser()
    const stranger = await makeUser()
    const staff = await makeUser(['staff'])
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Billed Co', slug: unique('billed').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: [
          { user: owner.id, role: 'owner' },
          { user: admin.id, role: 'admin' },
          { user: member.id, role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    const issued = await inTransaction((c) =>
      issueInvoice(c, `o${org.id}`, periodOf(new Date(Date.UTC(2026, 6, 5))), DECEMBER),
    )
    const id = issued?.id as number
    const sees = async (user: User) =>
      (
        await payload.find({
          collection: 'invoices',
          where: { id: { equals: id } },
          overrideAccess: false,
          user: asUser(user),
        })
      ).totalDocs
    expect(await sees(owner)).toBe(1)
    expect(await sees(admin)).toBe(1)
    expect(await sees(member)).toBe(0)
    expect(await sees(stranger)).toBe(0)
    expect((await billingAccountsOf(db, member.id)).map((a) => a.key)).toEqual([`u${member.id}`])

    expect(
      await rejection(
        payload.update({
          collection: 'invoices',
          id,
          data: { status: 'paid' },
          overrideAccess: false,
          user: asUser(owner),
        }),
      ),
    ).toMatch(/not allowed/i)
    // A free organization's invoice of nothing is paid already; staff reopen, then mark it paid.
    await payload.update({
      collection: 'invoices',
      id,
      data: { status: 'open' },
      overrideAccess: false,
      user: asUser(staff),
    })
    const paid = await payload.update({
      collection: 'invoices',
      id,
      data: { status: 'paid', totalCents: 1 },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(paid.status).toBe('paid')
    expect(paid.paidAt).toBeTruthy()
    // Staff change the state only: the amounts are the system's.
    expect(paid.totalCents).not.toBe(1)
  })

  it('applies enterprise limits set by staff at once and lists them for the billing page', async () => {
    const payload = await testPayload()
    const owner = await makeUser()
    const staff = await makeUser(['staff'])
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Big Co', slug: unique('big').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const key = await issueKey(owner, org.id)
    expect(await verifyKey({ key: key.key })).toMatchObject({ valid: true, plan: 'free' })
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: { plan: 'enterprise', limits: { apiCallsPerMinute: 2 } },
      overrideAccess: false,
      user: asUser(staff),
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const first = await verifyKey({ key: key.key })
    expect(first).toMatchObject({ valid: true, plan: 'enterprise' })
    expect(first.ratelimit).toMatchObject({ limit: 2, window: 'minute' })
    const accounts = await billingAccountsOf(db, owner.id)
    expect(accounts.find((a) => a.key === `o${org.id}`)).toMatchObject({
      plan: 'enterprise',
      limits: { apiCallsPerMinute: 2 },
    })
  })
})

describe('stripe provider (against a local fake of the Stripe API)', () => {
  type Seen = {
    method: string
    path: string
    body: URLSearchParams
    auth: string
    idempotencyKey?: string
  }
  const seen: Seen[] = []
  type FakeSubscription = {
    id: string
    customer: string
    status: string
    price: string
    cancelAtPeriodEnd?: boolean
    /** Stripe's own billing cycle (seconds): by default it began 10 days ago, 20 days are left. */
    periodStart?: number
    periodEnd?: number
    startDate?: number
    endedAt?: number | null
  }
  const subscriptions = new Map<string, FakeSubscription>()
  const NOW_S = Math.floor(Date.now() / 1000)
  const CYCLE_START = NOW_S - 10 * 86_400
  const CYCLE_END = NOW_S + 20 * 86_400
  const subscriptionJson = (sub: FakeSubscription) => ({
    id: sub.id,
    object: 'subscription',
    customer: sub.customer,
    status: sub.status,
    cancel_at_period_end: sub.cancelAtPeriodEnd ?? false,
    start_date: sub.startDate ?? sub.periodStart ?? CYCLE_START,
    ended_at: sub.endedAt ?? null,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${sub.id}`,
          object: 'subscription_item',
          price: { id: sub.price },
          current_period_start: sub.periodStart ?? CYCLE_START,
          current_period_end: sub.periodEnd ?? CYCLE_END,
        },
      ],
    },
  })
  type FakeInvoice = {
    id: string
    customer: string
    status: string
    items: { amount: number; currency: string; description: string }[]
    metadata: Record<string, string>
  }
  const invoices = new Map<string, FakeInvoice>()
  const invoiceJson = (invoice: FakeInvoice) => ({
    id: invoice.id,
    object: 'invoice',
    customer: invoice.customer,
    status: invoice.status,
    amount_due: invoice.items.reduce((sum, item) => sum + item.amount, 0),
    paid: invoice.status === 'paid',
    metadata: invoice.metadata,
  })
  /** Customers whose card the fake declines. */
  const declined = new Set<string>()
  /**
   * Customers whose `pay` charges the card and then fails: `error`, Stripe answers 500;
   * `drop`, the connection closes before any answer (as a timeout does).
   */
  const payFailsAfterCharge = new Map<string, 'error' | 'drop'>()
  /** Customers for whom voiding an invoice, or adding an invoice item, fails with a 500. */
  const voidFails = new Set<string>()
  const itemFails = new Set<string>()
  let server: http.Server
  const SECRET = 'whsec_test_0123456789'

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = ''
      req.on('data', (chunk) => (raw += chunk))
      req.on('end', () => {
        const body = new URLSearchParams(raw)
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          body,
          auth: String(req.headers.authorization),
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        })
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify(value))
        }
        if (req.url === '/v1/customers') {
          return json(200, { id: 'cus_fake1', object: 'customer', email: body.get('email') })
        }
        if (req.url === '/v1/checkout/sessions') {
          return json(200, {
            id: 'cs_fake1',
            object: 'checkout.session',
            url: 'https://checkout.stripe.test/c/cs_fake1',
          })
        }
        const url = new URL(req.url ?? '/', 'http://fake')
        if (req.method === 'GET' && url.pathname === '/v1/subscriptions') {
          const customer = url.searchParams.get('customer')
          return json(200, {
            object: 'list',
            has_more: false,
            url: '/v1/subscriptions',
            data: [...subscriptions.values()]
              .filter((sub) => sub.customer === customer)
              .map(subscriptionJson),
          })
        }
        const one = /^\/v1\/subscriptions\/([\w-]+)$/.exec(url.pathname)
        const sub = one && subscriptions.get(one[1])
        if (sub && req.method === 'POST') {
          if (body.has('items[0][id]') && body.get('items[0][id]') !== `si_${sub.id}`) {
            return json(400, { error: { type: 'invalid_request_error', message: 'No such item' } })
          }
          sub.price = body.get('items[0][price]') ?? sub.price
          if (body.has('cancel_at_period_end')) {
            sub.cancelAtPeriodEnd = body.get('cancel_at_period_end') === 'true'
          }
          return json(200, subscriptionJson(sub))
        }
        if (sub && req.method === 'DELETE') {
          sub.status = 'canceled'
          return json(200, subscriptionJson(sub))
        }
        if (req.method === 'POST' && url.pathname === '/v1/invoices') {
          const invoice: FakeInvoice = {
            id: `in_${invoices.size + 1}`,
            customer: body.get('customer') ?? '',
            status: 'draft',
            items: [],
            metadata: Object.fromEntries(
              [...body.entries()]
                .filter(([name]) => name.startsWith('metadata['))
                .map(([name, value]) => [name.slice(9, -1), value]),
            ),
          }
          invoices.set(invoice.id, invoice)
          return json(200, invoiceJson(invoice))
        }
        if (req.method === 'POST' && url.pathname === '/v1/invoiceitems') {
          const invoice = invoices.get(body.get('invoice') ?? '')
          if (invoice && itemFails.has(invoice.customer)) {
            return json(500, { error: { type: 'api_error', message: 'Something went wrong' } })
          }
          if (!invoice || invoice.status !== 'draft') {
            return json(400, { error: { type: 'invalid_request_error', message: 'No draft' } })
          }
          invoice.items.push({
            amount: Number(body.get('amount')),
            currency: body.get('currency') ?? '',
            description: body.get('description') ?? '',
          })
          return json(200, { id: `ii_${invoice.id}`, object: 'invoiceitem' })
        }
        const single = /^\/v1\/invoices\/([\w-]+)$/.exec(url.pathname)
        const retrieved = single && invoices.get(single[1])
        if (retrieved && req.method === 'GET') return json(200, invoiceJson(retrieved))
        if (retrieved && req.method === 'DELETE') {
          if (retrieved.status !== 'draft') {
            return json(400, { error: { type: 'invalid_request_error', message: 'Not a draft' } })
          }
          retrieved.status = 'deleted'
          return json(200, { id: retrieved.id, object: 'invoice', deleted: true })
        }
        const action = /^\/v1\/invoices\/([\w-]+)\/(finalize|pay|void)$/.exec(url.pathname)
        const invoice = action && invoices.get(action[1])
        if (invoice && req.method === 'POST') {
          if (action[2] === 'void' && voidFails.has(invoice.customer)) {
            return json(500, { error: { type: 'api_error', message: 'Something went wrong' } })
          }
          if (action[2] === 'finalize' && invoice.status === 'draft') invoice.status = 'open'
          else if (action[2] === 'void' && invoice.status === 'open') invoice.status = 'void'
          else if (action[2] === 'pay' && invoice.status === 'open') {
            const failure = payFailsAfterCharge.get(invoice.customer)
            if (failure) {
              invoice.status = 'paid'
              if (failure === 'drop') return void res.destroy()
              return json(500, { error: { type: 'api_error', message: 'Something went wrong' } })
            }
            if (declined.has(invoice.customer)) {
              return json(402, {
                error: {
                  type: 'card_error',
                  code: 'card_declined',
                  message: 'Your card was declined.',
                },
              })
            }
            invoice.status = 'paid'
          } else {
            return json(400, { error: { type: 'invalid_request_error', message: 'Bad state' } })
          }
          return json(200, invoiceJson(invoice))
        }
        if (req.url === '/v1/billing_portal/sessions') {
          return json(200, {
            id: 'bps_fake1',
            object: 'billing_portal.session',
            url: 'https://billing.stripe.test/p/bps_fake1',
          })
        }
        json(404, { error: { type: 'invalid_request_error', message: 'Unknown path' } })
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    setEnv('STRIPE_API_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    setEnv('STRIPE_SECRET_KEY', 'sk_test_fake_0123456789')
    setEnv('STRIPE_WEBHOOK_SECRET', SECRET)
    setEnv('STRIPE_PRICES', 'starter=price_starter,pro=price_pro')
    resetStripeClient()
  })

  afterAll(async () => {
    for (const name of [
      'STRIPE_API_URL',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'STRIPE_PRICES',
      'BILLING',
      'BILLING_PROVIDER',
    ]) {
      delete process.env[name]
    }
    setEnv('NODE_ENV', process.env.NODE_ENV ?? 'test')
    resetStripeClient()
    await new Promise((resolve) => server.close(resolve))
  })

  const signed = (event: unknown) => {
    const body = JSON.stringify(event)
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET })
    return new Request('http://localhost/api/billing/stripe/webhook', {
      method: 'POST',
      body,
      headers: { 'stripe-signature': header, 'content-type': 'application/json' },
    })
  }

  it('sends an upgrade through Checkout, applies it on the signed webhook and opens the portal', async () => {
    const user = await makeUser()
    const account = `u${user.id}`
    const key = await issueKey(user)
    const result = await inTransaction(async (client) =>
      stripeProvider.changePlan({
        db: client,
        account,
        accountName: user.name,
        to: 'pro',
        revokeKeyIds: [],
        actorId: user.id,
        email: user.email,
        returnUrl: 'http://localhost:3000/settings/billing',
      }),
    )
    expect(result).toEqual({ kind: 'redirect', url: 'https://checkout.stripe.test/c/cs_fake1' })
    const customer = seen.find((call) => call.path === '/v1/customers')
    expect(customer?.auth).toBe('Bearer sk_test_fake_0123456789')
    expect(customer?.body.get('metadata[account]')).toBe(account)
    const checkout = seen.find((call) => call.path === '/v1/checkout/sessions')
    expect(checkout?.body.get('mode')).toBe('subscription')
    expect(checkout?.body.get('customer')).toBe('cus_fake1')
    expect(checkout?.body.get('line_items[0][price]')).toBe('price_pro')
    expect(checkout?.body.get('metadata[plan]')).toBe('pro')
    // Nothing changes before Stripe confirms.
    expect((await db.query('SELECT plan FROM users WHERE id = $1', [user.id])).rows[0].plan).toBe(
      'free',
    )

    setEnv('BILLING', 'on')
    setEnv('BILLING_PROVIDER', 'stripe')
    const event = {
      id: 'evt_fake1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: 'cs_fake1',
          object: 'checkout.session',
          customer: 'cus_fake1',
          client_reference_id: account,
          payment_status: 'paid',
          metadata: { account, plan: 'pro', revokeKeyIds: '', actorId: String(user.id) },
        },
      },
    }
    const forged = signed(event)
    forged.headers.set('stripe-signature', 't=1,v1=deadbeef')
    expect((await stripeWebhook(forged)).status).toBe(400)
    expect((await db.query('SELECT plan FROM users WHERE id = $1', [user.id])).rows[0].plan).toBe(
      'free',
    )

    const response = await stripeWebhook(signed(event))
    expect(response.status).toBe(200)
    expect((await db.query('SELECT plan FROM users WHERE id = $1', [user.id])).rows[0].plan).toBe(
      'pro',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await verifyKey({ key: key.key })).toMatchObject({ valid: true, plan: 'pro' })

    const portal = await stripeProvider.portalUrl(
      db,
      account,
      'http://localhost:3000/settings/billing',
    )
    expect(portal).toBe('https://billing.stripe.test/p/bps_fake1')
    expect(
      seen.find((call) => call.path === '/v1/billing_portal/sessions')?.body.get('customer'),
    ).toBe('cus_fake1')

    // The subscription ends at Stripe: the account returns to free.
    const ended = await stripeWebhook(
      signed({
        id: 'evt_fake2',
        object: 'event',
        type: 'customer.subscription.deleted',
        data: { object: { id: 'sub_1', object: 'subscription', customer: 'cus_fake1' } },
      }),
    )
    expect(ended.status).toBe(200)
    expect((await db.query('SELECT plan FROM users WHERE id = $1', [user.id])).rows[0].plan).toBe(
      'free',
    )
  })
  const planOf = async (userId: number) =>
    (await db.query('SELECT plan FROM users WHERE id = $1', [userId])).rows[0].plan as string

  it('leaves the accounts Stripe bills to Stripe: the monthly job issues them no invoice', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    await setCustomerRef(db, account, `cus_billed_${user.id}`)
    subscriptions.set(`sub_billed_${user.id}`, {
      id: `sub_billed_${user.id}`,
      customer: `cus_billed_${user.id}`,
      status: 'active',
      price: 'price_pro',
      startDate: Date.UTC(2026, 9, 15) / 1000,
    })
    // One whose subscription ended during November: Stripe billed that period too.
    const ended = await makeUser(['member'], { plan: 'free' })
    await setCustomerRef(db, `u${ended.id}`, `cus_ended_${ended.id}`)
    subscriptions.set(`sub_ended_${ended.id}`, {
      id: `sub_ended_${ended.id}`,
      customer: `cus_ended_${ended.id}`,
      status: 'canceled',
      price: 'price_pro',
      startDate: Date.UTC(2026, 9, 20) / 1000,
      endedAt: Date.UTC(2026, 10, 20) / 1000,
    })
    await db.query(
      `INSERT INTO billing_plan_changes
         (account, from_plan, to_plan, changed_at, period_start, amount_cents, actor_id)
       VALUES ($1, 'pro', 'free', $2, $3, 0, NULL)`,
      [
        `u${ended.id}`,
        new Date(Date.UTC(2026, 10, 20)).toISOString(),
        periodOf(MID_NOVEMBER).start.toISOString(),
      ],
    )
    await db.query(
      `INSERT INTO billing_plan_changes
         (account, from_plan, to_plan, changed_at, period_start, amount_cents, actor_id)
       VALUES ($1, 'starter', 'pro', $2, $3, 4667, NULL)`,
      [account, MID_NOVEMBER.toISOString(), periodOf(MID_NOVEMBER).start.toISOString()],
    )
    await issueInvoices(db, DECEMBER)
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM invoices WHERE account = ANY($1::text[])',
      [[account, `u${ended.id}`]],
    )
    expect(rows[0].n).toBe(0)
  })

  it('asks Stripe once per account and period whether it billed it, not on every hourly run', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    const customer = `cus_asked_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(`sub_asked_${user.id}`, {
      id: `sub_asked_${user.id}`,
      customer,
      status: 'active',
      price: 'price_pro',
      startDate: Date.UTC(2026, 9, 15) / 1000,
    })
    const asked = () =>
      seen.filter(
        (call) =>
          call.method === 'GET' &&
          call.path.startsWith('/v1/subscriptions?') &&
          new URL(call.path, 'http://fake').searchParams.get('customer') === customer,
      ).length
    await issueInvoices(db, DECEMBER)
    expect(asked()).toBe(1)
    // The job runs every hour: Stripe's answer for November stands, nobody asks again.
    await issueInvoices(db, new Date(DECEMBER.getTime() + 3_600_000))
    await issueInvoices(db, new Date(DECEMBER.getTime() + 7_200_000))
    expect(asked()).toBe(1)
    const { rows } = await db.query('SELECT count(*)::int AS n FROM invoices WHERE account = $1', [
      account,
    ])
    expect(rows[0].n).toBe(0)
  })

  it('invoices Stripe-provider accounts Stripe does not bill, and ends their cancelled plan at the period end', async () => {
    const payload = await testPayload()
    const staff = await makeUser(['staff'])
    // Billing details saved under the stripe provider, then a plan set by staff: no subscription.
    const user = await makeUser()
    const account = `u${user.id}`
    await saveDetails(
      db,
      account,
      { legalName: 'No Sub Ltd', email: user.email, address: null, country: null, taxId: null },
      'stripe',
    )
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { plan: 'pro' },
      overrideAccess: false,
      user: asUser(staff),
    })
    // An abandoned Checkout left a customer at Stripe but no subscription; then a cancellation.
    const other = await makeUser(['member'], { plan: 'starter' })
    const otherAccount = `u${other.id}`
    await setCustomerRef(db, otherAccount, `cus_abandoned_${other.id}`)
    await stripeProvider.setCancelAtPeriodEnd(db, otherAccount, true)
    await cancelAtPeriodEnd(db, otherAccount, 'too_expensive', 'stripe', MID_NOVEMBER)

    await issueInvoices(db, DECEMBER)
    const { rows } = await db.query(
      `SELECT account, total_cents, status FROM invoices
        WHERE account = ANY($1::text[]) AND period_start = $2 ORDER BY account`,
      [[account, otherAccount], periodOf(MID_NOVEMBER).start.toISOString()],
    )
    expect(
      Object.fromEntries(rows.map((row) => [row.account, [Number(row.total_cents), row.status]])),
    ).toEqual({ [account]: [9900, 'open'], [otherAccount]: [2900, 'open'] })
    expect(await planOf(user.id)).toBe('pro')
    expect(await planOf(other.id)).toBe('free')
  })

  const stripeChange = (user: User, to: string, account = `u${user.id}`) =>
    inTransaction((client) =>
      stripeProvider.changePlan({
        db: client,
        account,
        accountName: user.name,
        to,
        revokeKeyIds: [],
        actorId: user.id,
        email: user.email,
        returnUrl: 'http://localhost:3000/settings/billing',
      }),
    )
  const lastUpdate = (id: string) =>
    seen.filter((call) => call.method === 'POST' && call.path === `/v1/subscriptions/${id}`).at(-1)
  const invoicesOf = (customer: string) =>
    [...invoices.values()].filter((invoice) => invoice.customer === customer)

  it('shows a Stripe customer what Stripe charges: back up to a plan paid this cycle charges nothing', async () => {
    // Pro through Checkout, down to starter (no credit), back to pro: pro is paid this cycle.
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    const customer = `cus_again_${user.id}`
    const id = `sub_again_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_pro' })

    const down = await stripeProvider.previewChange(db, account, 'pro', 'starter', new Date())
    expect(down).toMatchObject({ collection: 'card', prorationCents: 0, nextPeriodCents: 2900 })
    // Stripe's own cycle, not the calendar month.
    expect(down.period).toEqual({
      start: new Date(CYCLE_START * 1000),
      end: new Date(CYCLE_END * 1000),
    })
    expect(await stripeChange(user, 'starter')).toMatchObject({ kind: 'applied' })
    expect(lastUpdate(id)?.body.get('proration_behavior')).toBe('none')

    const up = await stripeProvider.previewChange(db, account, 'starter', 'pro', new Date())
    expect(up).toMatchObject({ collection: 'card', prorationCents: 0 })
    expect(await stripeChange(user, 'pro')).toMatchObject({ kind: 'applied' })
    expect(lastUpdate(id)?.body.get('items[0][price]')).toBe('price_pro')
    // Stripe prorates nothing of its own and nothing is invoiced: $0.00 shown, $0.00 charged.
    expect(lastUpdate(id)?.body.get('proration_behavior')).toBe('none')
    expect(invoicesOf(customer)).toEqual([])
    expect(await planOf(user.id)).toBe('pro')
  })

  it('charges a Stripe upgrade exactly the previewed amount at once, and nothing when the card is declined', async () => {
    const user = await makeUser(['member'], { plan: 'starter' })
    const account = `u${user.id}`
    const customer = `cus_exact_${user.id}`
    const id = `sub_exact_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_starter' })

    const preview = await stripeProvider.previewChange(db, account, 'starter', 'pro', new Date())
    expect(preview.collection).toBe('card')
    // (Pro − Starter) × the 2/3 of Stripe's cycle left.
    expect(Math.abs(preview.prorationCents - 4667)).toBeLessThanOrEqual(1)

    declined.add(customer)
    await expect(stripeChange(user, 'pro')).rejects.toMatchObject({ status: 402 })
    expect(await planOf(user.id)).toBe('starter')
    expect(subscriptions.get(id)?.price).toBe('price_starter')
    expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual(['void'])

    declined.delete(customer)
    expect(await stripeChange(user, 'pro')).toMatchObject({ kind: 'applied' })
    expect(await planOf(user.id)).toBe('pro')
    expect(subscriptions.get(id)?.price).toBe('price_pro')
    expect(lastUpdate(id)?.body.get('proration_behavior')).toBe('none')
    const paid = invoicesOf(customer).filter((invoice) => invoice.status === 'paid')
    expect(paid).toHaveLength(1)
    expect(paid[0].items).toHaveLength(1)
    const { rows } = await db.query(
      `SELECT amount_cents FROM billing_plan_changes WHERE account = $1 ORDER BY id DESC LIMIT 1`,
      [account],
    )
    // The amount recorded is the amount charged, and the preview's (a few ms apart).
    expect(paid[0].items[0]).toMatchObject({ amount: rows[0].amount_cents, currency: 'usd' })
    expect(Math.abs(paid[0].items[0].amount - preview.prorationCents)).toBeLessThanOrEqual(1)
  })

  it('keeps a Stripe upgrade whose card was charged though the pay call failed or timed out', async () => {
    for (const failure of ['error', 'drop'] as const) {
      const user = await makeUser(['member'], { plan: 'starter' })
      const account = `u${user.id}`
      const customer = `cus_charged_${failure}_${user.id}`
      const id = `sub_charged_${failure}_${user.id}`
      await setCustomerRef(db, account, customer)
      subscriptions.set(id, { id, customer, status: 'active', price: 'price_starter' })
      payFailsAfterCharge.set(customer, failure)
      const before = seen.length

      // Stripe took the money: the change is kept here and at Stripe, nothing is voided.
      expect(await stripeChange(user, 'pro')).toMatchObject({ kind: 'applied' })
      expect(await planOf(user.id)).toBe('pro')
      expect(subscriptions.get(id)?.price).toBe('price_pro')
      expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual(['paid'])
      const calls = seen.slice(before)
      expect(calls.some((call) => call.path.endsWith('/void'))).toBe(false)
      // Every call that creates or charges carries an idempotency key naming this change.
      const keys = calls
        .filter(
          (call) =>
            call.path === '/v1/invoices' ||
            call.path === '/v1/invoiceitems' ||
            call.path.endsWith('/pay'),
        )
        .map((call) => call.idempotencyKey)
      // (A request whose connection dropped may be sent again: with its key it is the same one.)
      expect(new Set(keys).size).toBe(3)
      for (const key of keys) expect(key).toMatch(new RegExp(`^tt-plan-change-${account}-\\d+-`))
      payFailsAfterCharge.delete(customer)
    }
  })

  it('answers a declined card with 402 even when voiding its invoice fails, and leaves no draft when an item fails', async () => {
    const user = await makeUser(['member'], { plan: 'starter' })
    const account = `u${user.id}`
    const customer = `cus_void_${user.id}`
    const id = `sub_void_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_starter' })

    declined.add(customer)
    voidFails.add(customer)
    await expect(stripeChange(user, 'pro')).rejects.toMatchObject({
      status: 402,
      message: expect.stringMatching(/declined/),
    })
    expect(await planOf(user.id)).toBe('starter')
    expect(subscriptions.get(id)?.price).toBe('price_starter')
    // Unpaid and (Stripe refused the void) still open: nothing was charged.
    expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual(['open'])
    declined.delete(customer)
    voidFails.delete(customer)

    // The item is refused: the draft invoice is deleted, not left behind; nothing changed.
    itemFails.add(customer)
    await expect(stripeChange(user, 'pro')).rejects.toMatchObject({ status: 502 })
    expect(await planOf(user.id)).toBe('starter')
    expect(subscriptions.get(id)?.price).toBe('price_starter')
    expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual(['open', 'deleted'])
    itemFails.delete(customer)

    // A new attempt is a new request at Stripe (new keys): it charges once and applies.
    expect(await stripeChange(user, 'pro')).toMatchObject({ kind: 'applied' })
    expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual([
      'open',
      'deleted',
      'paid',
    ])
    expect(await planOf(user.id)).toBe('pro')
  })

  it('sends no enterprise account to Checkout or a subscription change', async () => {
    const user = await makeUser(['member'], { plan: 'enterprise' })
    const before = seen.length
    await expect(stripeChange(user, 'pro')).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/^plan: Enterprise plans are changed by TuneTrail staff/),
    })
    expect(seen.slice(before).filter((call) => call.method === 'POST')).toEqual([])
    expect(await planOf(user.id)).toBe('enterprise')
  })

  it('previews Checkout as what it charges: the full month now', async () => {
    const user = await makeUser()
    const preview = await stripeProvider.previewChange(db, `u${user.id}`, 'free', 'pro', new Date())
    expect(preview).toMatchObject({ collection: 'checkout', prorationCents: 9900 })
    // Down to free with no subscription applies here, on the invoice, as the manual provider.
    const starter = await makeUser(['member'], { plan: 'starter' })
    const down = await stripeProvider.previewChange(
      db,
      `u${starter.id}`,
      'starter',
      'free',
      new Date(),
    )
    expect(down).toMatchObject({ collection: 'invoice', prorationCents: 0 })
  })

  it('changes a running Stripe subscription in place: upgrade prorated at once, downgrade with no credit, free cancels it', async () => {
    const user = await makeUser(['member'], { plan: 'starter' })
    const account = `u${user.id}`
    const customer = `cus_sub_${user.id}`
    const id = `sub_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_starter' })
    const change = (to: string) =>
      inTransaction((client) =>
        stripeProvider.changePlan({
          db: client,
          account,
          accountName: user.name,
          to,
          revokeKeyIds: [],
          actorId: user.id,
          email: user.email,
          returnUrl: 'http://localhost:3000/settings/billing',
        }),
      )
    const updates = () =>
      seen.filter((call) => call.path.split('?')[0] === `/v1/subscriptions/${id}`)
    const checkouts = () =>
      seen.filter(
        (call) => call.path === '/v1/checkout/sessions' && call.body.get('customer') === customer,
      )

    expect(await change('pro')).toMatchObject({ kind: 'applied' })
    expect(updates().at(-1)?.method).toBe('POST')
    expect(updates().at(-1)?.body.get('items[0][price]')).toBe('price_pro')
    expect(updates().at(-1)?.body.get('proration_behavior')).toBe('none')
    expect(subscriptions.get(id)).toMatchObject({ status: 'active', price: 'price_pro' })
    expect(invoicesOf(customer).map((invoice) => invoice.status)).toEqual(['paid'])
    expect(await planOf(user.id)).toBe('pro')

    expect(await change('starter')).toMatchObject({ kind: 'applied' })
    expect(updates().at(-1)?.body.get('items[0][price]')).toBe('price_starter')
    expect(updates().at(-1)?.body.get('proration_behavior')).toBe('none')
    expect(await planOf(user.id)).toBe('starter')

    expect(await change('free')).toMatchObject({ kind: 'applied' })
    expect(updates().at(-1)?.method).toBe('DELETE')
    expect(subscriptions.get(id)?.status).toBe('canceled')
    expect(await planOf(user.id)).toBe('free')
    // No second subscription was started for any of it.
    expect(checkouts()).toHaveLength(0)

    // With no subscription running, a paid plan goes through Checkout again.
    expect(await change('pro')).toMatchObject({ kind: 'redirect' })
    expect(checkouts()).toHaveLength(1)
  })

  it('applies a signed event once (a replay changes nothing) and a checkout only once paid', async () => {
    setEnv('BILLING', 'on')
    setEnv('BILLING_PROVIDER', 'stripe')
    const user = await makeUser()
    const account = `u${user.id}`
    const completed = (id: string, paymentStatus: string) => ({
      id,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: `cs_${id}`,
          object: 'checkout.session',
          customer: `cus_evt_${user.id}`,
          client_reference_id: account,
          payment_status: paymentStatus,
          metadata: { account, plan: 'pro', revokeKeyIds: '', actorId: String(user.id) },
        },
      },
    })
    const unpaid = await stripeWebhook(signed(completed(`evt_unpaid_${user.id}`, 'unpaid')))
    expect(unpaid.status).toBe(200)
    expect(await unpaid.json()).toMatchObject({ applied: expect.stringMatching(/not paid/) })
    expect(await planOf(user.id)).toBe('free')

    const paid = completed(`evt_paid_${user.id}`, 'paid')
    expect((await stripeWebhook(signed(paid))).status).toBe(200)
    expect(await planOf(user.id)).toBe('pro')
    // The member goes back to free; a replay of the paid event (signed anew) must not upgrade.
    await inTransaction((c) => changePlan(c, { account, to: 'free', actorId: user.id }))
    const replay = await stripeWebhook(signed(paid))
    expect(replay.status).toBe(200)
    expect(await replay.json()).toMatchObject({ applied: 'duplicate' })
    expect(await planOf(user.id)).toBe('free')
    const { rows } = await db.query(
      `SELECT to_plan FROM billing_plan_changes WHERE account = $1 ORDER BY id`,
      [account],
    )
    expect(rows.map((row) => row.to_plan)).toEqual(['pro', 'free'])
  })
  it('re-applies a paid plan-change invoice whose local commit was lost (invoice.paid), once', async () => {
    setEnv('BILLING', 'on')
    setEnv('BILLING_PROVIDER', 'stripe')
    const user = await makeUser(['member'], { plan: 'starter' })
    const account = `u${user.id}`
    const customer = `cus_lost_${user.id}`
    const id = `sub_lost_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_starter' })
    const paidEvent = (eventId: string, metadata: Record<string, string>) => ({
      id: eventId,
      object: 'event',
      type: 'invoice.paid',
      data: {
        object: {
          id: `in_${eventId}`,
          object: 'invoice',
          customer,
          status: 'paid',
          created: Math.floor(Date.now() / 1000) - 5,
          metadata,
        },
      },
    })
    // The subscription's own monthly invoice carries none of our metadata: nothing to apply.
    const monthly = await stripeWebhook(signed(paidEvent(`evt_monthly_${user.id}`, {})))
    expect(monthly.status).toBe(200)
    expect(await planOf(user.id)).toBe('starter')

    // Stripe charged the change to pro; the change here never committed.
    const lost = paidEvent(`evt_lost_${user.id}`, { account, plan: 'pro' })
    const response = await stripeWebhook(signed(lost))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ applied: 'plan pro' })
    expect(await planOf(user.id)).toBe('pro')
    expect(subscriptions.get(id)?.price).toBe('price_pro')

    // A replay changes nothing; nor does a late delivery once the member changed plan since.
    await inTransaction((c) => changePlan(c, { account, to: 'starter', actorId: user.id }))
    expect(await (await stripeWebhook(signed(lost))).json()).toMatchObject({
      applied: 'duplicate',
    })
    const late = await stripeWebhook(
      signed(paidEvent(`evt_late_${user.id}`, { account, plan: 'pro' })),
    )
    expect(late.status).toBe(200)
    expect(await planOf(user.id)).toBe('starter')
  })
  it('cancels a Stripe subscription at the period end at Stripe (the monthly job does not), and resumes it', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const account = `u${user.id}`
    const customer = `cus_end_${user.id}`
    const id = `sub_end_${user.id}`
    await setCustomerRef(db, account, customer)
    subscriptions.set(id, { id, customer, status: 'active', price: 'price_pro' })
    await stripeProvider.setCancelAtPeriodEnd(db, account, true)
    expect(subscriptions.get(id)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true })
    await stripeProvider.setCancelAtPeriodEnd(db, account, false)
    expect(subscriptions.get(id)).toMatchObject({ status: 'active', cancelAtPeriodEnd: false })
    // Nothing to do at Stripe for an account without a subscription; the manual provider's
    // invoice job applies its cancellations itself.
    await stripeProvider.setCancelAtPeriodEnd(db, `u${(await makeUser()).id}`, true)
  })
  it('keeps one subscription when a second Checkout completes, and an old one ending changes nothing', async () => {
    setEnv('BILLING', 'on')
    setEnv('BILLING_PROVIDER', 'stripe')
    const user = await makeUser(['member'], { plan: 'starter' })
    const account = `u${user.id}`
    const customer = `cus_two_${user.id}`
    await setCustomerRef(db, account, customer)
    const old = `sub_old_${user.id}`
    const fresh = `sub_new_${user.id}`
    subscriptions.set(old, { id: old, customer, status: 'active', price: 'price_starter' })
    subscriptions.set(fresh, { id: fresh, customer, status: 'active', price: 'price_pro' })
    const completed = await stripeWebhook(
      signed({
        id: `evt_two_${user.id}`,
        object: 'event',
        type: 'checkout.session.completed',
        data: {
          object: {
            id: `cs_two_${user.id}`,
            object: 'checkout.session',
            customer,
            subscription: fresh,
            client_reference_id: account,
            payment_status: 'paid',
            metadata: { account, plan: 'pro', revokeKeyIds: '', actorId: String(user.id) },
          },
        },
      }),
    )
    expect(completed.status).toBe(200)
    expect(await planOf(user.id)).toBe('pro')
    expect(subscriptions.get(old)?.status).toBe('canceled')
    expect(subscriptions.get(fresh)?.status).toBe('active')

    const ended = await stripeWebhook(
      signed({
        id: `evt_old_end_${user.id}`,
        object: 'event',
        type: 'customer.subscription.deleted',
        data: { object: { id: old, object: 'subscription', customer } },
      }),
    )
    expect(ended.status).toBe(200)
    expect(await planOf(user.id)).toBe('pro')
  })
})
