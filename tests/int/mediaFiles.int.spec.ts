import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Media, User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'

let payload: Payload
let maya: User

beforeAll(async () => {
  payload = await testPayload()
  maya = await makeUser()
})

/** GET /api/media/file/:filename as the REST router runs it (the input guard, then Payload's). */
async function download(filename: string) {
  const endpoints = payload.collections.media.config.endpoints as {
    path: string
    method: string
    handler: (req: PayloadRequest) => Promise<Response>
  }[]
  const endpoint = endpoints.find((e) => e.path === '/file/:filename' && e.method === 'get')
  if (!endpoint) throw new Error('no file endpoint')
  const req = await createLocalReq({}, payload)
  req.routeParams = { collection: 'media', filename }
  req.headers = new Headers()
  return endpoint.handler(req)
}

describe('media files', () => {
  it('serves every image size Payload made, not only the original', async () => {
    const png = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: '#3355aa' },
    })
      .png()
      .toBuffer()
    const media = (await payload.create({
      collection: 'media',
      data: { alt: 'A blue screenshot' },
      file: { data: png, mimetype: 'image/png', name: `${unique('shot')}.png`, size: png.length },
      overrideAccess: false,
      user: asUser(maya),
    })) as Media
    const card = media.sizes?.card?.filename
    expect(card).toMatch(/-768x432\.png$/)

    const original = await download(media.filename as string)
    expect(original.status).toBe(200)
    const sized = await download(card as string)
    expect(sized.status).toBe(200)
    expect(sized.headers.get('content-type')).toBe('image/png')

    const missing = await download('no-such-image-768x432.png')
    expect(missing.status).toBe(404)
  })
})
