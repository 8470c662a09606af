import { APIError, Forbidden, ValidationError } from 'payload'
import { describe, expect, it } from 'vitest'

import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorResponse, INTERNAL_MESSAGE } from '@/lib/api/errors'
import { route } from '@/lib/api/route'

describe('the one error format', () => {
  it('keeps a 4xx message even when a production bundle has stripped class names', () => {
    const conflict = new APIError('Only owner of “Org”.', 409, undefined, true)
    Object.defineProperty(conflict, 'name', { value: '' })
    expect(errorResponse(conflict, 'req-1')).toEqual({
      status: 409,
      body: { errors: [{ code: 'CONFLICT', message: 'Only owner of “Org”.' }], requestId: 'req-1' },
    })
    const forbidden = new Forbidden()
    Object.defineProperty(forbidden, 'name', { value: '' })
    expect(errorResponse(forbidden).body.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/not allowed/),
    })
  })

  it('names each invalid field, keeping the shape Payload’s admin reads', () => {
    const invalid = new ValidationError({
      collection: 'users',
      errors: [
        { path: 'email', message: 'Enter an email.' },
        { path: 'username', message: 'Too short.' },
      ],
    })
    const { status, body } = errorResponse(invalid)
    expect(status).toBe(400)
    expect(body.errors.map(({ code, field, message }) => ({ code, field, message }))).toEqual([
      { code: 'VALIDATION_ERROR', field: 'email', message: 'Enter an email.' },
      { code: 'VALIDATION_ERROR', field: 'username', message: 'Too short.' },
    ])
    expect(body.errors[0].data?.errors).toHaveLength(2)
  })

  it('hides what went wrong inside a 500, and treats odd statuses as 500', () => {
    expect(errorResponse(new TypeError('f.toLowerCase is not a function'), 'r2')).toEqual({
      status: 500,
      body: { errors: [{ code: 'INTERNAL', message: INTERNAL_MESSAGE }], requestId: 'r2' },
    })
    expect(errorResponse({ status: 700, message: 'x' }).status).toBe(500)
    expect(errorResponse('boom').status).toBe(500)
  })
})

describe('route handlers and endpoints answer in the one format', () => {
  const request = (headers: Record<string, string> = {}) =>
    new Request('http://portal.test/api/thing', { method: 'POST', headers })

  it('turns what a route handler throws into the one format, with the request id', async () => {
    const failing = route(async () => {
      throw new TypeError('secret detail at /srv/app.js:12')
    })
    const answer = await failing(request({ 'x-request-id': 'rid-7' }))
    expect(answer.status).toBe(500)
    expect(answer.headers.get('x-request-id')).toBe('rid-7')
    const text = await answer.text()
    expect(text).not.toContain('secret detail')
    expect(JSON.parse(text)).toEqual({
      errors: [{ code: 'INTERNAL', message: INTERNAL_MESSAGE }],
      requestId: 'rid-7',
    })
    const refusing = route(async () => {
      throw new APIError('Too many webhooks.', 409, undefined, true)
    })
    expect(await (await refusing(request())).json()).toEqual({
      errors: [{ code: 'CONFLICT', message: 'Too many webhooks.' }],
    })
    const plain = route(async () => ({ status: 202, body: { ok: true }, headers: { 'X-A': '1' } }))
    const accepted = await plain(request())
    expect([accepted.status, accepted.headers.get('x-a'), await accepted.json()]).toEqual([
      202,
      '1',
      { ok: true },
    ])
  })

  it('checks the caller and names the invalid field before an endpoint runs', async () => {
    let ran = 0
    const endpoint = defineEndpoint({
      path: '/thing',
      method: 'post',
      summary: 'Do a thing',
      caller: 'person',
      doing: 'do things',
      response: { description: 'Done', body: { type: 'object' } },
      body: z.object({ name: z.string().min(1) }),
      handler: async (_req, { body }) => {
        ran += 1
        return Response.json({ name: body.name })
      },
    })
    const call = (user: unknown, body: unknown) =>
      endpoint.handler({
        user,
        json: async () => body,
        routeParams: {},
      } as unknown as Parameters<typeof endpoint.handler>[0])
    const anonymous = await call(null, { name: 'x' })
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).errors[0].message).toBe('Sign in to do things.')
    const key = await call({ id: 1, collection: 'users', apiKey: { id: 2 } }, { name: 'x' })
    expect(key.status).toBe(403)
    expect((await key.json()).errors[0].code).toBe('INSUFFICIENT_SCOPE')
    const invalid = await call({ id: 1, collection: 'users' }, { name: ['x'] })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).errors[0]).toMatchObject({ field: 'name' })
    expect(ran).toBe(0)
    const ok = await call({ id: 1, collection: 'users' }, { name: 'x' })
    expect(await ok.json()).toEqual({ name: 'x' })
    expect(ran).toBe(1)
  })

  it('answers 404 for an id that names no record, before the handler runs', async () => {
    let ran = 0
    const endpoint = defineEndpoint({
      path: '/:id/leave',
      method: 'post',
      summary: 'Leave',
      caller: 'person',
      doing: 'leave',
      response: { description: 'Done', body: { type: 'object' } },
      handler: async (_req, { id }) => {
        ran += 1
        return Response.json({ id })
      },
    })
    const call = (id: string) =>
      endpoint.handler({
        user: { id: 1, collection: 'users' },
        routeParams: { id },
      } as unknown as Parameters<typeof endpoint.handler>[0])
    for (const id of ['abc', '1.5', '0', '-1', '99999999999', '2147483648']) {
      expect((await call(id)).status, id).toBe(404)
    }
    expect(ran).toBe(0)
    expect(await (await call('42')).json()).toEqual({ id: '42' })
  })
})
