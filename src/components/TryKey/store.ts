import { checkPastedKey } from '@/lib/docs/tryKey'

/** A key whose plaintext this tab knows: created or pasted here. */
export type KnownKey = { key: string; display: string; id?: number }
export type KnownKeys = { keys: KnownKey[]; selected?: string }

/**
 * The plaintexts known to this tab, per signed-in person, in sessionStorage: gone when the tab
 * closes, never in localStorage or a cookie, never sent to the portal except as the
 * Authorization header of the requests the reader sends. Whatever is read back is checked
 * again (a live key never comes out of here).
 */
const storageKey = (userId: number) => `tt-docs-keys:${userId}`

export function readKnownKeys(userId: number): KnownKeys {
  try {
    const raw = window.sessionStorage.getItem(storageKey(userId))
    if (!raw) return { keys: [] }
    const parsed = JSON.parse(raw) as Partial<KnownKeys>
    const keys = (Array.isArray(parsed.keys) ? parsed.keys : []).flatMap((entry) => {
      const checked = checkPastedKey(typeof entry?.key === 'string' ? entry.key : '')
      if (checked.error !== undefined) return []
      const id = typeof entry.id === 'number' && Number.isInteger(entry.id) ? entry.id : undefined
      return [{ key: checked.key, display: checked.display, id }]
    })
    const selected = typeof parsed.selected === 'string' ? parsed.selected : undefined
    return { keys, selected }
  } catch (error) {
    console.warn('docs keys not read from this tab', error)
    return { keys: [] }
  }
}

export function writeKnownKeys(userId: number, known: KnownKeys) {
  try {
    window.sessionStorage.setItem(storageKey(userId), JSON.stringify(known))
  } catch (error) {
    // Storage full or disabled: the key still works until the page is left.
    console.warn('docs keys not kept in this tab', error)
  }
}

/** Forgets every person's known keys in this tab (nobody is signed in any more). */
export function forgetAllKnownKeys() {
  try {
    for (let index = window.sessionStorage.length - 1; index >= 0; index--) {
      const name = window.sessionStorage.key(index)
      if (name?.startsWith('tt-docs-keys:')) window.sessionStorage.removeItem(name)
    }
  } catch (error) {
    console.warn('docs keys not cleared from this tab', error)
  }
}
