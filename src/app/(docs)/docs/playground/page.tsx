import type { Metadata } from 'next'
import Link from 'next/link'

import { Playground } from './_components/Playground.client'

export const metadata: Metadata = {
  title: 'Playground',
  description:
    'Send any request of the TuneTrail portal API with your test key, see the status, headers and body, dry-run a key against an operation’s scope, and copy the request as cURL, Python or JavaScript.',
}

/**
 * /docs/playground: our own request builder over the OpenAPI document. Static; the endpoints
 * and the reader's keys load in the browser.
 */
export default function PlaygroundPage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-semibold">Playground</h1>
        <p className="text-muted-foreground">
          Pick an endpoint and one of your test keys, fill in the request and send it: you see the
          status, the rate-limit headers in plain words and the body. <strong>Dry run</strong> asks
          the verifier what your key would get for the endpoint’s scope without using up any of its
          requests. Every endpoint is described in the{' '}
          <Link href="/docs/api-reference" className="text-primary underline">
            API reference
          </Link>
          .
        </p>
      </header>
      <Playground />
    </div>
  )
}
