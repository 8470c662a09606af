'use client'

import { useCallback, useEffect, useMemo, useState } from 'react'

import { useViewer } from '@/components/Viewer/index.client'
import { checkPastedKey, testKeyRequest } from '@/lib/docs/tryKey'

import { forgetAllKnownKeys, readKnownKeys, writeKnownKeys, type KnownKeys } from './store'

/** One of the reader's test keys as the portal lists it (no secret: name and display form). */
type ListedKey = { id: number; name: string; display?: string | null; organization?: unknown }

/** A key the reader can pick: a listed key (its plaintext known here or not) or a pasted one. */
export type KeyChoice = {
  value: string
  label: string
  display: string
  /** The plaintext, when this tab knows it. */
  key?: string
  id?: number
  isOrganization?: boolean
}

export type IssuedKey = { id: number; key: string; display: string; name: string }

export type TryKey =
  | { status: 'loading' | 'signed-out' }
  | {
      status: 'ready'
      choices: KeyChoice[]
      selected?: KeyChoice
      /** Why the list of keys could not be loaded (the reader can still paste or create). */
      listError?: string
      /** Keys this tab knew that are no longer active. */
      notice?: string
      select: (value: string) => void
      /** Checks and keeps a pasted key; returns what is wrong with it, or null. */
      paste: (text: string) => string | null
      create: () => Promise<void>
      isCreating: boolean
      createError?: string
      /** The key just created here, shown once. */
      issued?: IssuedKey
      /** Drops the selected key's plaintext from this tab. */
      forget: () => void
    }

/** The reader's active, unexpired test keys (production keys are never listed). */
const LIST_URL = `/api/api-keys?${new URLSearchParams({
  depth: '0',
  limit: '100',
  sort: '-createdAt',
  'where[environment][not_equals]': 'production',
  'where[status][equals]': 'active',
  'select[name]': 'true',
  'select[display]': 'true',
  'select[expiresAt]': 'true',
  'select[organization]': 'true',
})}`

type ErrorBody = { errors?: { message?: string }[] }

async function messageOf(response: Response, fallback: string) {
  const body = (await response.json().catch(() => null)) as ErrorBody | null
  return body?.errors?.[0]?.message ?? fallback
}

async function listTestKeys(): Promise<ListedKey[]> {
  const response = await fetch(LIST_URL, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(await messageOf(response, `answered ${response.status}`))
  const { docs } = (await response.json()) as {
    docs: (ListedKey & { expiresAt?: string | null })[]
  }
  const now = Date.now()
  return docs.filter((doc) => !doc.expiresAt || new Date(doc.expiresAt).getTime() > now)
}

const listedValue = (id: number) => `id:${id}`
const pastedValue = (display: string) => `pasted:${display}`

/**
 * The docs' key for "try it": the signed-in reader's test keys, the one picked, and the two ways
 * a plaintext becomes known here (create a test key in one click, or paste one). Shared by the
 * API reference and the playground (the same tab remembers the choice across both).
 */
export function useTryKey(): TryKey {
  const viewer = useViewer()
  const userId = viewer?.id
  const [listed, setListed] = useState<ListedKey[] | undefined>(undefined)
  const [listError, setListError] = useState<string>()
  const [known, setKnown] = useState<KnownKeys>({ keys: [] })
  const [isCreating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string>()
  const [issued, setIssued] = useState<IssuedKey>()

  const [notice, setNotice] = useState<string>()

  // Signed out (here or elsewhere): no plaintext of anyone's key stays in this tab.
  useEffect(() => {
    if (viewer === null) forgetAllKnownKeys()
  }, [viewer])

  useEffect(() => {
    if (userId === undefined || userId === null) return
    let isCurrent = true
    listTestKeys()
      .catch((error: unknown) => {
        console.warn('test keys not listed', error)
        if (isCurrent)
          setListError('Your keys could not be loaded. You can still paste a test key.')
        return []
      })
      .then((keys) => {
        if (!isCurrent) return
        const stored = readKnownKeys(userId)
        // A key made or matched here that is no longer listed was revoked or has expired: its
        // plaintext is forgotten, and the reader told so (rather than sending without a key).
        const active = new Set(keys.map((key) => key.id))
        const gone = stored.keys.filter((key) => key.id !== undefined && !active.has(key.id))
        const next = gone.length
          ? { ...stored, keys: stored.keys.filter((key) => !gone.includes(key)) }
          : stored
        if (gone.length) {
          writeKnownKeys(userId, next)
          setNotice(
            `${gone.map((key) => key.display).join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer active (revoked or expired) and ${gone.length === 1 ? 'was' : 'were'} forgotten in this tab.`,
          )
        }
        setKnown(next)
        setListed(keys)
      })
    return () => {
      isCurrent = false
    }
  }, [userId])

  const remember = useCallback(
    (next: KnownKeys) => {
      setKnown(next)
      if (userId !== undefined) writeKnownKeys(userId, next)
    },
    [userId],
  )

  const choices = useMemo<KeyChoice[]>(() => {
    const fromList = (listed ?? []).map((doc) => {
      const display = doc.display ?? ''
      const plain = known.keys.find(
        (k) => k.id === doc.id || (k.id === undefined && k.display === display),
      )
      return {
        value: listedValue(doc.id),
        label: doc.name,
        display,
        key: plain?.key,
        id: doc.id,
        isOrganization: Boolean(doc.organization),
      }
    })
    const listedDisplays = new Set(fromList.map((choice) => choice.display))
    const pasted = known.keys
      .filter((k) => k.id === undefined && !listedDisplays.has(k.display))
      .map((k) => ({
        value: pastedValue(k.display),
        label: 'Pasted key',
        display: k.display,
        key: k.key,
      }))
    return [...pasted, ...fromList]
  }, [listed, known])

  const selected =
    choices.find((choice) => choice.value === known.selected) ??
    choices.find((choice) => choice.key) ??
    choices[0]

  const select = useCallback(
    (value: string) => remember({ ...known, selected: value }),
    [known, remember],
  )

  const paste = useCallback(
    (text: string) => {
      const checked = checkPastedKey(text)
      if (checked.error !== undefined) return checked.error
      const match = (listed ?? []).find((doc) => doc.display === checked.display)
      const others = known.keys.filter((k) => k.key !== checked.key)
      remember({
        keys: [...others, { key: checked.key, display: checked.display, id: match?.id }],
        selected: match ? listedValue(match.id) : pastedValue(checked.display),
      })
      return null
    },
    [known, listed, remember],
  )

  const create = useCallback(async () => {
    setCreating(true)
    setCreateError(undefined)
    try {
      const response = await fetch('/api/api-keys', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(testKeyRequest()),
      })
      if (!response.ok) {
        setCreateError(await messageOf(response, 'The key could not be created. Try again.'))
        return
      }
      const { doc } = (await response.json()) as {
        doc: { id: number; key?: string; display?: string | null; name: string }
      }
      const checked = checkPastedKey(doc.key ?? '')
      if (checked.error !== undefined)
        throw new Error('the created key came back without its value')
      setListed((keys) => [
        { id: doc.id, name: doc.name, display: checked.display },
        ...(keys ?? []),
      ])
      remember({
        keys: [...known.keys, { key: checked.key, display: checked.display, id: doc.id }],
        selected: listedValue(doc.id),
      })
      setIssued({ id: doc.id, key: checked.key, display: checked.display, name: doc.name })
    } catch (error) {
      console.warn('test key not created', error)
      setCreateError('The key could not be created. Try again.')
    } finally {
      setCreating(false)
    }
  }, [known, remember])

  const forget = useCallback(() => {
    if (!selected?.key) return
    remember({ keys: known.keys.filter((k) => k.key !== selected.key), selected: selected.value })
    setIssued(undefined)
  }, [known, remember, selected])

  if (viewer === undefined || (viewer && listed === undefined)) return { status: 'loading' }
  if (!viewer) return { status: 'signed-out' }
  return {
    status: 'ready',
    choices,
    selected,
    listError,
    notice,
    select,
    paste,
    create,
    isCreating,
    createError,
    issued,
    forget,
  }
}
