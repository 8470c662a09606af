import { APIError, Forbidden, ValidationError } from 'payload'
import { describe, expect, it } from 'vitest'

import { errorResponse, INTERNAL_MESSAGE } from '@/lib/api/errors'

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
