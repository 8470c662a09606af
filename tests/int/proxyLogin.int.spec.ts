import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'

import { serverUrl } from '@/lib/defaults'
import { proxy } from '@/proxy'

describe('/admin/login sends to the portal’s login', () => {
  it('keeps the redirect on the portal’s own URL whatever Host the request claims', async () => {
    const forged: Record<string, string>[] = [
      { host: 'evil.example' },
      { host: new URL(serverUrl()).host, 'x-forwarded-host': 'evil.example' },
    ]
    for (const headers of forged) {
      const request = new NextRequest(
        new URL('/admin/login?redirect=%2Fadmin%2Fcollections%2Fusers', 'http://evil.example'),
        { headers },
      )
      const response = await proxy(request)
      expect(response.status).toBe(307)
      const location = response.headers.get('location') ?? ''
      expect(location).not.toMatch(/evil\.example/)
      expect(new URL(location, serverUrl()).toString()).toBe(
        `${serverUrl()}/login?next=%2Fadmin%2Fcollections%2Fusers`,
      )
    }
  })
})
