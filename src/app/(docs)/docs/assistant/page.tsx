import type { Metadata } from 'next'
import Link from 'next/link'

import { AskDocs } from '@/components/AskDocs/index.client'

export const metadata: Metadata = {
  title: 'Ask the docs',
  description:
    'Ask a question about the TuneTrail API and get an answer from the docs, with links.',
}

/** The assistant's own page: static, the question box is a client component. */
export default function AssistantPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">Ask the docs</h1>
        <p className="text-muted-foreground">
          Ask about keys, limits, the API, models, SDKs or webhooks. The answer comes from the
          published docs only and links to the passages it is based on. Prefer reading? Browse{' '}
          <Link href="/docs" className="text-primary underline">
            all docs pages
          </Link>{' '}
          or search them with Ctrl+K (⌘K on a Mac).
        </p>
      </header>
      <AskDocs variant="page" />
    </div>
  )
}
