import type { Scope } from '../keys/scopes'
import { displayKey, isWellFormedKey, keyKind } from '../keys/shape'

/**
 * The docs' "try it" keys (API reference and playground), as pure rules the browser and the
 * tests share. A key's plaintext is never stored by the portal (only its hash), so the docs
 * know one only when it was created or pasted in this browser tab; it is kept in
 * sessionStorage for the tab's life and sent nowhere but as the Authorization header of
 * requests the reader sends.
 */

/** What "Create a test key" asks for: read scopes, in the reader's personal account. */
export const TEST_KEY_SCOPES = [
  'tracks:read',
  'recommendations:read',
  'models:read',
  'usage:read',
] as const satisfies readonly Scope[]

/** A docs key expires on its own, so a forgotten one does not hold a plan's key slot for ever. */
export const TEST_KEY_DAYS = 30

/** The body of `POST /api/api-keys` that creates the docs' test key. */
export function testKeyRequest(now = new Date()) {
  const expires = new Date(now.getTime() + TEST_KEY_DAYS * 86_400_000)
  return {
    name: `Docs test key ${now.toISOString().slice(0, 10)}`,
    environment: 'development' as const,
    scopes: [...TEST_KEY_SCOPES],
    expiresAt: expires.toISOString(),
  }
}

export const LIVE_KEY_REFUSED =
  'That is a live key (tt_live_…). The docs send real requests, so they take test keys only (tt_test_…): create one here, or in API keys with the development or staging environment.'

/** Checks a pasted key: a well-formed test key, or why not (in words a reader can act on). */
export function checkPastedKey(
  text: string,
): { key: string; display: string; error?: undefined } | { error: string } {
  const key = text.trim()
  if (!key) return { error: 'Paste a key first.' }
  const kind = keyKind(key)
  if (kind === 'live') return { error: LIVE_KEY_REFUSED }
  if (kind !== 'test') return { error: 'TuneTrail test keys start with tt_test_.' }
  if (!isWellFormedKey(key)) {
    return {
      error:
        'That is not a complete test key: keys are 46 characters (tt_test_ and 38 letters and digits) and end in a checksum. Check for a missing or extra character.',
    }
  }
  return { key, display: displayKey(key) }
}

/** The key as the page shows it: its prefix, then dots, then the last four characters. */
export const maskKey = (key: string) => `${key.slice(0, 8)}${'•'.repeat(8)}${key.slice(-4)}`
