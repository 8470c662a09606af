'use client'

import { ErrorPage } from '@/components/ErrorPage'
import { Button } from '@/components/ui/button'

/**
 * A portal page failed. Says so plainly with a reference to quote to support (Next's digest,
 * which finds the server log entry) and never the error's message or stack.
 */
export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  return (
    <ErrorPage
      code="500"
      title="Something went wrong on our side"
      actions={
        <Button type="button" variant="outline" onClick={reset}>
          Try again
        </Button>
      }
    >
      <p>
        The page could not be shown. Nothing you entered was lost; try again in a moment.
        {error.digest && (
          <>
            {' '}
            If it keeps happening, tell us the reference{' '}
            <code className="rounded bg-muted px-1 font-mono">{error.digest}</code>.
          </>
        )}
      </p>
    </ErrorPage>
  )
}
