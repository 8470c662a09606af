'use client'

import Link from 'next/link'

/**
 * The last resort, when a root layout itself failed: no shell to render into, so a page of
 * its own with inline styles. Shows a reference, never the error's message or stack.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: 'system-ui, sans-serif',
          maxWidth: '36rem',
          margin: '4rem auto',
          padding: '0 1rem',
          textAlign: 'center',
        }}
      >
        <p style={{ fontFamily: 'monospace', fontWeight: 600 }}>500</p>
        <h1>Something went wrong on our side</h1>
        <p>
          The page could not be shown. Try again in a moment
          {error.digest ? `; if it keeps happening, quote the reference ${error.digest}` : ''}.
        </p>
        <p>
          <Link href="/">Go to the home page</Link>
        </p>
      </body>
    </html>
  )
}
