import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { AskDocs } from '@/components/AskDocs/index.client'
import { publishedDocsPages } from '@/data/docs'
import { DOCS_SECTIONS, docsPath } from '@/lib/docs/sections'
import { DOCS_TOOLS } from '@/lib/nav'

export const metadata: Metadata = {
  title: { absolute: 'Docs · TuneTrail Community' },
  description:
    'Guides and reference for the TuneTrail API: keys, rate limits, tracks, recommendations, audio, models, SDKs, tutorials and webhooks.',
}

/**
 * The docs' index at /docs (rewritten here, next.config.mjs): every section with its published
 * pages. Like the pages, it is rendered on its first request and cached until a publish
 * revalidates the docs tag; a route with no parameter would be prerendered by the build,
 * which has no database.
 */
export const dynamicParams = true
// Other web replicas catch up with a publish within 5 minutes (the tag is per process).
export const revalidate = 300
export const generateStaticParams = async () => [] as { view: string }[]

export default async function DocsIndexPage({ params }: { params: Promise<{ view: string }> }) {
  if ((await params).view !== 'all') notFound()
  const pages = await publishedDocsPages()
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">Docs</h1>
        <p className="max-w-3xl text-muted-foreground">
          Everything you need to build on the TuneTrail API. New here? Start with the{' '}
          <Link href="/docs/getting-started/quickstart" className="text-primary underline">
            quickstart
          </Link>
          : an API key and your first request in five minutes.
        </p>
      </header>
      <section aria-labelledby="try-the-api" className="space-y-3">
        <h2 id="try-the-api" className="text-xl font-semibold">
          Try the API
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {DOCS_TOOLS.map((tool) => (
            <li key={tool.href} className="rounded-lg border border-border p-4">
              <Link href={tool.href} className="font-semibold text-primary underline">
                {tool.label}
              </Link>
              <p className="mt-1 text-sm text-muted-foreground">{tool.summary}</p>
            </li>
          ))}
        </ul>
      </section>
      {pages.length === 0 ? (
        <p>No pages are published yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {DOCS_SECTIONS.map((section) => {
            const inSection = pages.filter((page) => page.section === section.value)
            if (inSection.length === 0) return null
            return (
              <li key={section.value} className="rounded-lg border border-border p-4">
                <h2 id={`section-${section.value}`} className="font-semibold">
                  {section.label}
                </h2>
                <p className="mb-3 text-sm text-muted-foreground">{section.summary}</p>
                <ul aria-labelledby={`section-${section.value}`} className="space-y-2 text-sm">
                  {inSection.map((page) => (
                    <li key={page.id}>
                      <Link href={docsPath(page)} className="text-primary underline">
                        {page.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </li>
            )
          })}
        </ul>
      )}
      <AskDocs />
    </div>
  )
}
