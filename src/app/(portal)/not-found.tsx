import type { Metadata } from 'next'

import { ErrorPage } from '@/components/ErrorPage'

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } }

/** Every unknown portal URL (see [...missing]) and every `notFound()` of a portal page. */
export default function NotFound() {
  return (
    <ErrorPage code="404" title="We could not find that page">
      <p>
        The address may be mistyped, or the page moved or was deleted — or it belongs to someone
        else. Search for it, or go back to a section you know.
      </p>
    </ErrorPage>
  )
}
