'use client'

import { useEffect, useState } from 'react'

import type { Role } from '@/access/roles'

/** Who is reading, as far as a static page needs to know: loaded once per page in the browser. */
export type Viewer = { id: number; username: string; name: string; roles: Role[] }

let request: Promise<Viewer | null> | null = null

async function loadViewer(): Promise<Viewer | null> {
  const response = await fetch('/api/users/me', { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`/api/users/me answered ${response.status}`)
  const { user } = (await response.json()) as { user: Viewer | null }
  return user
}

/**
 * The signed-in person on a static page (the docs): `undefined` while loading, then the viewer
 * or null. One request per page load, shared by every caller; a failed request reads as signed
 * out (logged), since static pages show nothing private.
 */
export function useViewer(): Viewer | null | undefined {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined)
  useEffect(() => {
    request ??= loadViewer().catch((error: unknown) => {
      console.warn('viewer not loaded', error)
      return null
    })
    let isCurrent = true
    void request.then((value) => isCurrent && setViewer(value))
    return () => {
      isCurrent = false
    }
  }, [])
  return viewer
}
