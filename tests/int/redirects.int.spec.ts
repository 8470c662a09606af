import { describe, expect, it } from 'vitest'

import { HOME_PATH, safeNext } from '@/lib/redirects'

describe('the page after login', () => {
  it('gives the same answer when applied twice', () => {
    for (const next of ['/..//evil.example', '/api-keys', '/%5Cevil.example/x']) {
      expect(safeNext(safeNext(next))).toBe(safeNext(next))
    }
  })

  it('follows same-origin paths with their query and fragment', () => {
    expect(safeNext('/api-keys?page=2#top')).toBe('/api-keys?page=2#top')
    expect(safeNext('/settings/webhooks/3')).toBe('/settings/webhooks/3')
    expect(safeNext('/%5Cevil.example/x')).toBe('/%5Cevil.example/x')
  })

  it('refuses anything a browser would resolve to another host', () => {
    for (const next of [
      '/\\evil.example/x',
      '//evil.example/x',
      '/\\/evil.example',
      '/\t/evil.example',
      '\\\\evil.example',
      '/..//evil.example',
      '/.//evil.example',
      '/a/..//evil.example',
      '/%2e%2e//evil.example',
      '/./\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      undefined,
      ['/api-keys'],
    ]) {
      expect(safeNext(next), String(next)).toBe(HOME_PATH)
    }
  })
})
