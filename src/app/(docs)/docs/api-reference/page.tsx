import type { Metadata } from 'next'
import Link from 'next/link'

import { ApiReference } from './_components/ApiReference.client'

export const metadata: Metadata = {
  title: 'API reference',
  description:
    'Every endpoint of the TuneTrail portal API from its OpenAPI document: parameters, schemas, examples in cURL, Python and JavaScript, and requests you can send with your own test key.',
}

/**
 * /docs/api-reference: the OpenAPI document (GET /api/openapi.json) rendered by Scalar, in the
 * docs shell. Static: the reader's keys load in the browser (TryKeyPicker).
 */
export default function ApiReferencePage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-semibold">API reference</h1>
        <p className="text-muted-foreground">
          Every endpoint of the portal API, generated from its{' '}
          <a href="/api/openapi.json" className="text-primary underline">
            OpenAPI document
          </a>
          . Requests you send from here are real: they use your test key, count against its rate
          limits and show the answer with its headers. To check what a key may do without using it
          up, try the{' '}
          <Link href="/docs/playground" className="text-primary underline">
            playground
          </Link>
          ’s dry run; for keys and limits in depth, read{' '}
          <Link href="/docs/getting-started/authentication" className="text-primary underline">
            Authentication with API keys
          </Link>
          .
        </p>
      </header>
      <ApiReference />
    </div>
  )
}
