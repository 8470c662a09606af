import type { Metadata } from 'next'
import Link from 'next/link'

import { hasRole } from '@/access/roles'
import { ApiKeyForm } from '@/components/ApiKeyForm/index.client'
import { Card } from '@/components/ui/card'
import { managedOrganizations } from '@/data/apiKeys'
import { currentAccount } from '@/data/account'
import { requireUser } from '@/data/session'
import { grantableScopes, SCOPES } from '@/lib/keys/scopes'

import { createKeyAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'New API key' }

export default async function NewApiKeyPage() {
  const user = await requireUser('/api-keys/new')
  const organizations = await managedOrganizations(user)
  const account = await currentAccount(user)
  const scopeOptions = grantableScopes(hasRole(user, 'staff')).map((scope) => ({
    value: scope,
    description: SCOPES[scope].description,
    isService: SCOPES[scope].isService,
  }))
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/api-keys" className="text-primary underline">
          API keys
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">New API key</h1>
      <Card aria-label="Key settings">
        <ApiKeyForm
          action={createKeyAction}
          scopeOptions={scopeOptions}
          organizations={organizations.map((org) => ({ id: org.id, name: org.name }))}
          defaultOrganization={typeof account.choice === 'number' ? String(account.choice) : ''}
          submitLabel="Create key"
          pendingLabel="Creating…"
        />
      </Card>
    </div>
  )
}
