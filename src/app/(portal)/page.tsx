import Link from 'next/link'

import { Button } from '@/components/ui/button'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { currentUser } from '@/data/session'
import { HOME_PATH } from '@/lib/nav'

/**
 * What the portal brings: `href` once a feature is live ("coming soon" until then), linked for
 * members only when it is behind the login.
 */
const FEATURES: { title: string; text: string; href?: string; isPrivate?: boolean }[] = [
  {
    title: 'API keys',
    text: 'Scoped keys per environment, rotation with a grace period, live usage against your plan.',
    href: '/api-keys',
    isPrivate: true,
  },
  {
    title: 'Webhooks',
    text: 'Signed Standard Webhooks with retries, a delivery log and replay.',
    href: '/docs/webhooks/verifying-webhooks',
  },
  {
    title: 'Docs',
    text: 'Guides with runnable examples; the API reference and SDK guides are on their way.',
    href: '/docs',
  },
  {
    title: 'Model hub',
    text: 'Share trained models with metrics and badges; star, fork and download.',
  },
  { title: 'Community', text: 'Discussions and Q&A with accepted answers, tags and mentions.' },
  { title: 'Showcase', text: 'Projects built on TuneTrail, with screenshots, stacks and votes.' },
  { title: 'Status', text: 'Service status, uptime and incidents, with subscriptions.' },
]

export default async function HomePage() {
  const user = await currentUser()
  return (
    <div className="space-y-12">
      <section className="space-y-5 py-6 sm:py-12">
        <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">
          Build on TuneTrail, together.
        </h1>
        <p className="max-w-2xl text-lg text-muted-foreground">
          The hub for developers building on the TuneTrail music-ML API: manage keys and usage,
          share trained models, ask and answer questions, show what you built and follow service
          status.
        </p>
        <div className="flex flex-wrap gap-3">
          {user ? (
            <Button asChild size="lg">
              <Link href={HOME_PATH}>Go to your dashboard</Link>
            </Button>
          ) : (
            <>
              <Button asChild size="lg">
                <Link href="/signup">Create a free account</Link>
              </Button>
              <Button asChild size="lg" variant="outline">
                <Link href="/login">Log in</Link>
              </Button>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="features">
        <h2 id="features" className="mb-4 text-xl font-semibold">
          What the portal brings together
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((feature) => (
            <li key={feature.title}>
              <Card className="h-full">
                <h3 className="mb-2 flex flex-wrap items-center gap-2 font-semibold">
                  {feature.href && (user || !feature.isPrivate) ? (
                    <Link href={feature.href} className="text-primary underline">
                      {feature.title}
                    </Link>
                  ) : feature.href ? (
                    feature.title
                  ) : (
                    <>
                      {feature.title} <Badge tone="muted">Coming soon</Badge>
                    </>
                  )}
                </h3>
                <p className="text-sm text-muted-foreground">{feature.text}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
