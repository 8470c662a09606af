import type { Metadata } from 'next'
import Link from 'next/link'

import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { keyState, listKeys, managedOrganizations, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'
import { relativeTime } from '@/lib/time'
import type { Organization } from '@/payload-types'
import { keyListQuerySchema } from '@/schemas/apiKeys'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API keys' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const SCOPES_SHOWN = 4

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'expired', label: 'Expired' },
]

export default async function ApiKeysPage({ searchParams }: Props) {
  const user = await requireUser('/api-keys')
  const query = keyListQuerySchema.parse(await searchParams)
  const [organizations, keys] = await Promise.all([
    managedOrganizations(user),
    listKeys(user, {
      environment: query.environment,
      status: query.status,
      organization: query.owner,
      page: query.page,
    }),
  ])
  const isFiltered = Boolean(query.environment || query.status || query.owner)
  const now = requestNow()

  const pageHref = (page: number) => {
    const params = new URLSearchParams()
    if (query.environment) params.set('environment', query.environment)
    if (query.status) params.set('status', query.status)
    if (query.owner) params.set('owner', String(query.owner))
    if (page > 1) params.set('page', String(page))
    const search = params.toString()
    return search ? `/api-keys?${search}` : '/api-keys'
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <Button asChild>
          <Link href="/api-keys/new">New API key</Link>
        </Button>
      </div>
      <p className="max-w-2xl text-sm text-muted-foreground">
        Your own keys and those of the organizations you own or administer. Send a key as{' '}
        <code className="rounded bg-muted px-1">Authorization: Bearer &lt;key&gt;</code>.
      </p>

      <form
        method="get"
        action="/api-keys"
        aria-label="Filter keys"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="w-full space-y-1.5 sm:w-44">
          <Label htmlFor="filter-environment">Environment</Label>
          <Select id="filter-environment" name="environment" defaultValue={query.environment ?? ''}>
            <option value="">All environments</option>
            {KEY_ENVIRONMENTS.map((environment) => (
              <option key={environment} value={environment}>
                {environment[0].toUpperCase() + environment.slice(1)}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-full space-y-1.5 sm:w-40">
          <Label htmlFor="filter-status">Status</Label>
          <Select id="filter-status" name="status" defaultValue={query.status ?? ''}>
            <option value="">All statuses</option>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        {organizations.length > 0 && (
          <div className="w-full space-y-1.5 sm:w-52">
            <Label htmlFor="filter-owner">Owner</Label>
            <Select id="filter-owner" name="owner" defaultValue={String(query.owner ?? '')}>
              <option value="">Everyone</option>
              <option value="personal">Personal</option>
              {organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <Button type="submit" variant="outline">
          Apply
        </Button>
        {isFiltered && (
          <Link href="/api-keys" className="min-h-10 py-2 text-sm text-primary underline">
            Clear filters
          </Link>
        )}
      </form>

      {keys.totalDocs === 0 ? (
        <Card aria-labelledby="empty-heading" className="text-center">
          {isFiltered ? (
            <>
              <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
                No keys match these filters
              </h2>
              <p className="mb-4 text-sm text-muted-foreground">
                Try another environment or status.
              </p>
              <Button asChild variant="outline">
                <Link href="/api-keys">Show all keys</Link>
              </Button>
            </>
          ) : (
            <>
              <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
                You have no API keys yet
              </h2>
              <p className="mb-4 text-sm text-muted-foreground">
                Create a key to call the TuneTrail API from your app, scripts or CI. Keep separate
                keys per environment, each with only the scopes it needs.
              </p>
              <Button asChild>
                <Link href="/api-keys/new">Create your first key</Link>
              </Button>
            </>
          )}
        </Card>
      ) : (
        <section aria-labelledby="keys-heading" className="space-y-3">
          <h2 id="keys-heading" className="sr-only">
            Keys
          </h2>
          <p className="text-sm text-muted-foreground">
            {keys.totalDocs === 1 ? '1 key' : `${keys.totalDocs} keys`}
            {keys.totalPages > 1 && ` · page ${keys.page} of ${keys.totalPages}`}
          </p>
          <ul className="space-y-3">
            {keys.docs.map((key) => {
              const organization =
                typeof key.organization === 'object' ? (key.organization as Organization) : null
              const extraScopes = key.scopes.length - SCOPES_SHOWN
              return (
                <li
                  key={key.id}
                  className="rounded-lg border border-border bg-card p-4 shadow-sm sm:p-5"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0 space-y-1">
                      <h3 className="font-semibold break-words">
                        <Link href={`/api-keys/${key.id}`} className="hover:underline">
                          {key.name}
                        </Link>
                      </h3>
                      <code className="block font-mono text-sm break-all text-muted-foreground">
                        {key.display}
                      </code>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <EnvironmentBadge environment={key.environment} />
                      <StatusBadge state={keyState(key, now)} />
                    </div>
                  </div>
                  <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
                    <dt className="text-muted-foreground">Scopes</dt>
                    <dd>
                      <ul className="flex flex-wrap gap-1.5" aria-label={`Scopes of ${key.name}`}>
                        {key.scopes.slice(0, SCOPES_SHOWN).map((scope) => (
                          <li key={scope}>
                            <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{scope}</code>
                          </li>
                        ))}
                        {extraScopes > 0 && (
                          <li className="text-xs text-muted-foreground">+{extraScopes} more</li>
                        )}
                      </ul>
                    </dd>
                    <dt className="text-muted-foreground">Owner</dt>
                    <dd>{organization ? organization.name : 'Personal'}</dd>
                    <dt className="text-muted-foreground">Last used</dt>
                    <dd>
                      {key.lastUsedAt ? (
                        <time dateTime={key.lastUsedAt}>{relativeTime(key.lastUsedAt, now)}</time>
                      ) : (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">Never</span>
                        </>
                      )}
                    </dd>
                  </dl>
                  <div className="mt-3 flex flex-wrap gap-4 text-sm">
                    <Link href={`/api-keys/${key.id}`} className="text-primary underline">
                      Details<span className="sr-only"> of {key.name}</span>
                    </Link>
                    <Link href={`/api-keys/${key.id}/usage`} className="text-primary underline">
                      Usage<span className="sr-only"> of {key.name}</span>
                    </Link>
                  </div>
                </li>
              )
            })}
          </ul>
          {keys.totalPages > 1 && (
            <nav aria-label="Pagination" className="flex items-center justify-between gap-3 pt-2">
              {keys.hasPrevPage && keys.prevPage ? (
                <Link href={pageHref(keys.prevPage)} rel="prev" className="text-primary underline">
                  Previous page
                </Link>
              ) : (
                <span />
              )}
              <span className="text-sm text-muted-foreground">
                Page {keys.page} of {keys.totalPages}
              </span>
              {keys.hasNextPage && keys.nextPage ? (
                <Link href={pageHref(keys.nextPage)} rel="next" className="text-primary underline">
                  Next page
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </section>
      )}
    </div>
  )
}
