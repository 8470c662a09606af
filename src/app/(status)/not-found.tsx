import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Not found', robots: { index: false } }

/** A status address that names nothing (an unknown incident or month). */
export default function StatusNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <p className="text-sm font-semibold text-muted-foreground">404</p>
      <h1 className="text-3xl font-semibold">We could not find that</h1>
      <p>The incident may not exist, or may not be public.</p>
      <p className="flex justify-center gap-4">
        <Link href="/status" className="text-primary underline">
          Current status
        </Link>
        <Link href="/status/history" className="text-primary underline">
          Incident history
        </Link>
      </p>
    </div>
  )
}
