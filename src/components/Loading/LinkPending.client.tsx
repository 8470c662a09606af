'use client'

import { useLinkStatus } from 'next/link'

/** Inside a `<Link>`: a small spinner while the page it leads to loads. */
export function LinkPending() {
  const { pending } = useLinkStatus()
  return (
    <span
      aria-hidden="true"
      data-pending={pending || undefined}
      className="ml-1.5 inline-block h-3 w-3 rounded-full border-2 border-current border-r-transparent align-[-1px] opacity-0 data-[pending]:animate-spin data-[pending]:opacity-70"
    />
  )
}
