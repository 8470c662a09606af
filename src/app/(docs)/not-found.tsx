import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } }

/** A docs address that names no published page. */
export default function DocsNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <p className="text-sm font-semibold text-muted-foreground">404</p>
      <h1 className="text-3xl font-semibold">We could not find that page</h1>
      <p>The page may have moved or been unpublished.</p>
      <Link href="/docs" className="text-primary underline">
        Browse the docs
      </Link>
    </div>
  )
}
