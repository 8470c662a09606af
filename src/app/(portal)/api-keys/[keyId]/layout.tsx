import Link from 'next/link'
import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'

import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import { KeyRotation } from '@/components/KeyRotation'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { TabNav } from '@/components/TabNav/index.client'
import { getKey, keyState, keySuccessors, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'

type Props = { children: ReactNode; params: Promise<{ keyId: string }> }

/**
 * Every tab of a key (Overview, Usage, Settings, Danger zone) under one header with the key's
 * facts: status, environment, created, last used, expiry, and its rotation.
 */
export default async function ApiKeyLayout({ children, params }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}`)
  const key = await getKey(user, keyId)
  if (!key) notFound()
  const now = requestNow()
  const successor = (await keySuccessors(user, [key.id])).get(key.id)
  const base = `/api-keys/${key.id}`
  const facts = [
    { term: 'Created', value: <RelativeTime date={key.createdAt} now={now} /> },
    {
      term: 'Last used',
      value: key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} now={now} /> : 'Never',
    },
    {
      term: keyState(key, now) === 'expired' ? 'Expired' : 'Expires',
      value: key.expiresAt ? <RelativeTime date={key.expiresAt} now={now} /> : 'Never',
    },
  ]
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/api-keys" className="text-primary underline">
          API keys
        </Link>
      </nav>
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h1 className="text-2xl font-semibold break-words">{key.name}</h1>
          <StatusBadge state={keyState(key, now)} />
          <EnvironmentBadge environment={key.environment} />
        </div>
        <code className="block font-mono text-sm break-all text-muted-foreground">
          {key.display}
        </code>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {facts.map((fact) => (
            <div key={fact.term} className="flex gap-1.5">
              <dt className="text-muted-foreground">{fact.term}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
        <KeyRotation apiKey={key} successor={successor} now={now} />
      </header>
      <TabNav
        label="Key sections"
        tabs={[
          { href: base, label: 'Overview' },
          { href: `${base}/usage`, label: 'Usage' },
          { href: `${base}/settings`, label: 'Settings' },
          { href: `${base}/danger`, label: 'Danger zone' },
        ]}
      />
      {children}
    </div>
  )
}
