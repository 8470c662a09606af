import { createLocalReq, initTransaction, killTransaction, commitTransaction } from 'payload'
import pg from 'pg'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { enqueueInTransaction } from '@/lib/queue'
import {
  ALL_EVENT_TYPES,
  WEBHOOK_EVENT_TYPES,
  EVENT_TYPES,
  eventJsonSchema,
  parseEventData,
} from '@/lib/events/registry'
import { parseRetryAfter, retryDelaySeconds, RETRY_SCHEDULE_SECONDS } from '@/lib/webhooks/retry'
import { generateSecret, signatureHeaders, verifySignature } from '@/lib/webhooks/signing'
import { refusedAddress, refusedUrl } from '@/lib/webhooks/ssrf'

import { testPayload } from '../helpers/payload'

describe('webhook event registry', () => {
  it('covers every event type of the spec, each example valid against its schema', () => {
    // The spec's webhook events are all public; the portal's internal ones never leave it.
    expect(
      WEBHOOK_EVENT_TYPES.filter(
        (type) =>
          EVENT_TYPES[type].source === 'service' ||
          ['api_key.created', 'api_key.revoked', 'usage.limit_reached'].includes(type),
      ),
    ).toEqual([
      'track.created',
      'track.updated',
      'track.deleted',
      'recommendation.generated',
      'model.training_started',
      'model.training_completed',
      'model.training_failed',
      'audio.processing_completed',
      'api_key.created',
      'api_key.revoked',
      'usage.limit_reached',
    ])
    expect(WEBHOOK_EVENT_TYPES).not.toContain('organization.role_changed')
    for (const type of ALL_EVENT_TYPES) {
      expect(parseEventData(type, EVENT_TYPES[type].example)).toHaveProperty('data')
      expect(eventJsonSchema(type)).toMatchObject({ type: 'object' })
    }
  })

  it('names the field of data that does not match its schema', () => {
    expect(parseEventData('track.created', { track_id: 't1', title: 'x' })).toEqual({
      error: { field: 'data.artist', message: expect.any(String) },
    })
  })
})

describe('Standard Webhooks signatures', () => {
  it('are accepted by the standardwebhooks library', () => {
    const secret = generateSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const body = JSON.stringify({ event: 'track.created', data: { track_id: 't1' } })
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = signatureHeaders([secret], 'msg_123', timestamp, body)
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ event: 'track.created' })
    expect(
      verifySignature(
        secret,
        { id: 'msg_123', timestamp: String(timestamp), signature: headers['webhook-signature'] },
        body,
      ),
    ).toBe(true)
  })

  it('sign with both secrets during a rotation, so either verifies', () => {
    const [old, fresh] = [generateSecret(), generateSecret()]
    const body = '{"event":"track.deleted"}'
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = signatureHeaders([fresh, old], 'msg_9', timestamp, body)
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(() => new Webhook(old).verify(body, headers)).not.toThrow()
    expect(() => new Webhook(fresh).verify(body, headers)).not.toThrow()
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow()
    expect(() => new Webhook(old).verify(`${body} `, headers)).toThrow()
  })

  it('refuse stale timestamps on the receiver side', () => {
    const secret = generateSecret()
    const stale = Math.floor(Date.now() / 1000) - 3600
    const headers = signatureHeaders([secret], 'msg_1', stale, '{}')
    const check = { id: 'msg_1', timestamp: String(stale), signature: headers['webhook-signature'] }
    expect(verifySignature(secret, check, '{}')).toBe(false)
    expect(verifySignature(secret, check, '{}', { now: stale * 1000 })).toBe(true)
  })
})

describe('retry schedule', () => {
  it('follows immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h with jitter', () => {
    const low = () => 0
    const high = () => 0.999
    expect(RETRY_SCHEDULE_SECONDS).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000])
    expect(retryDelaySeconds(1, { random: low })).toBe(4)
    expect(retryDelaySeconds(2, { random: high })).toBe(360)
    expect(retryDelaySeconds(8)).toBeNull()
    expect(retryDelaySeconds(1, { retryAfterSeconds: 120, random: low })).toBe(120)
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z')
    expect(parseRetryAfter('30', now)).toBe(30)
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:02:00 GMT', now)).toBe(120)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('9999999', now)).toBe(86_400)
  })
})

describe('SSRF guard', () => {
  it('refuses loopback, private, link-local, metadata and mapped addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
    ]) {
      expect(refusedAddress(ip), ip).not.toBeNull()
    }
    expect(refusedAddress('93.184.216.34')).toBeNull()
    expect(refusedAddress('2606:4700::6810:84e5')).toBeNull()
    expect(refusedAddress('127.0.0.1', { allowLoopback: true })).toBeNull()
    expect(refusedAddress('10.0.0.1', { allowLoopback: true })).not.toBeNull()
  })

  it('checks every address a host resolves to, and allows http only to an allowed loopback', async () => {
    const resolve = (answers: Record<string, string[]>) => async (host: string) =>
      answers[host] ?? []
    const dns = resolve({
      'hooks.example.com': ['93.184.216.34'],
      'sneaky.example.com': ['93.184.216.34', '10.0.0.5'],
      localhost: ['127.0.0.1'],
    })
    expect(await refusedUrl('https://hooks.example.com/in', { resolve: dns })).toBeNull()
    expect(await refusedUrl('http://hooks.example.com/in', { resolve: dns })).toMatch(/https/)
    expect(await refusedUrl('https://sneaky.example.com/in', { resolve: dns })).toMatch(
      /10\.0\.0\.5/,
    )
    expect(await refusedUrl('https://[::1]:8080/', { resolve: dns })).toMatch(/loopback/)
    expect(await refusedUrl('http://localhost:9000/hook', { resolve: dns })).toMatch(/loopback/)
    expect(
      await refusedUrl('http://localhost:9000/hook', { resolve: dns, allowLoopback: true }),
    ).toBeNull()
    expect(await refusedUrl('https://user:pw@hooks.example.com/', { resolve: dns })).toMatch(
      /user name and password/,
    )
    expect(await refusedUrl('ftp://hooks.example.com/', { resolve: dns })).toMatch(/https/)
    expect(await refusedUrl('not a url', { resolve: dns })).toMatch(/full address/)
    // In plain words, naming the host and what to do.
    expect(await refusedUrl('https://nowhere.example.com/', { resolve: dns })).toBe(
      'We could not find nowhere.example.com from the server. Check the address, or try again later.',
    )
    expect(await refusedUrl('https://sneaky.example.com/in', { resolve: dns })).toMatch(
      /private network .* public internet/,
    )
  })
})

describe('enqueueing inside a transaction', () => {
  let db: pg.Pool
  beforeAll(async () => {
    db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
  })
  afterAll(async () => {
    await db.end()
  })

  const jobs = async (key: string) =>
    (await db.query(`SELECT j.id FROM graphile_worker._private_jobs j WHERE j.key = $1`, [key]))
      .rows.length

  it('creates the job only when the transaction commits', async () => {
    const payload = await testPayload()
    for (const outcome of ['rollback', 'commit'] as const) {
      const req = await createLocalReq({}, payload)
      await initTransaction(req)
      // An event id no row has, run an hour from now: the job stays queued for the check.
      const eventId = 2_000_000_000 + Math.floor(Math.random() * 100_000_000)
      const jobKey = `event__fanout:${eventId}`
      await enqueueInTransaction(
        req,
        'event__fanout',
        { eventId },
        { runAt: new Date(Date.now() + 3_600_000) },
      )
      expect(await jobs(jobKey)).toBe(0)
      if (outcome === 'rollback') await killTransaction(req)
      else await commitTransaction(req)
      expect(await jobs(jobKey)).toBe(outcome === 'commit' ? 1 : 0)
    }
  })
})
