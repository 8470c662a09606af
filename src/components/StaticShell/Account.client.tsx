'use client'

import Link from 'next/link'

import { useViewer } from '@/components/Viewer/index.client'

const link = 'rounded-md px-3 py-2 text-sm hover:bg-muted'

/**
 * The header's account corner on static pages (docs, status): a same-size placeholder, then
 * either the signed-in person's way back to the portal or Log in / Sign up (back to `next`).
 */
export function ShellAccount({ next }: { next: string }) {
  const viewer = useViewer()
  if (viewer === undefined) return <span aria-hidden="true" className="inline-block h-9 w-24" />
  if (viewer) {
    return (
      <Link href="/settings/profile" className={link}>
        <span className="sr-only">Signed in as </span>@{viewer.username}
      </Link>
    )
  }
  return (
    <>
      <Link href={`/login?next=${encodeURIComponent(next)}`} className={link}>
        Log in
      </Link>
      <Link
        href="/signup"
        className="hidden rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground hover:opacity-90 sm:inline-block"
      >
        Sign up
      </Link>
    </>
  )
}
