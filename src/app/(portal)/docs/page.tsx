import type { Metadata } from 'next'
import Link from 'next/link'

import { Card } from '@/components/ui/card'

export const metadata: Metadata = {
  title: 'Docs',
  description: 'Guides for building on the TuneTrail API: keys, webhooks and more.',
}

/** The guides written so far; each links to its page. */
const GUIDES = [
  {
    href: '/docs/webhooks',
    title: 'Verifying webhooks',
    summary:
      'What a delivery looks like, how to check its signature in Node.js and Python, retries, and every event type.',
  },
] as const

export default function DocsIndexPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">Docs</h1>
        <p className="text-muted-foreground">
          Guides for building on the TuneTrail API. Send your API key as{' '}
          <code className="rounded bg-muted px-1">Authorization: Bearer &lt;key&gt;</code>; create
          one under{' '}
          <Link href="/api-keys/new" className="text-primary underline">
            API keys
          </Link>
          .
        </p>
      </header>
      <ul className="grid gap-4 sm:grid-cols-2">
        {GUIDES.map((guide) => (
          <li key={guide.href}>
            <Card className="h-full">
              <h2 className="mb-2 font-semibold">
                <Link href={guide.href} className="text-primary underline">
                  {guide.title}
                </Link>
              </h2>
              <p className="text-sm text-muted-foreground">{guide.summary}</p>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  )
}
