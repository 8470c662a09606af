import type { Metadata } from 'next'
import Link from 'next/link'

import { environmentLabel, stateLabel } from '@/components/ApiKeyBadges'
import { DataTable, pagesOf, sortBy } from '@/components/DataTable'
import { FilterBar, optionsOf } from '@/components/FilterBar'
import { pageHref } from '@/components/Pagination'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { accountFilter, currentAccount } from '@/data/account'
import { keySuccessors, listKeys, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'
import { KEY_STATES, keyListQuerySchema } from '@/schemas/apiKeys'

import { keyColumns } from './_components/keyColumns'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API keys' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function ApiKeysPage({ searchParams }: Props) {
  const user = await requireUser('/api-keys')
  const query = keyListQuerySchema.parse(await searchParams)
  const account = await currentAccount(user)
  // A shared link's `owner` wins; otherwise the account chosen in the header.
  const owner = query.owner ?? accountFilter(account.choice)
  const keys = await listKeys(user, {
    environment: query.environment,
    status: query.status,
    organization: owner,
    page: query.page,
    sort: query.sort,
    search: query.q,
  })
  const isFiltered = Boolean(query.environment || query.status || query.q)
  const ownerLabel =
    owner === 'personal'
      ? 'Your personal account'
      : (account.options.find((option) => option.value === String(owner))?.label ??
        'This organization')
  const now = requestNow()

  const listHref = (changes: { page?: number; sort?: string }) =>
    pageHref('/api-keys', {
      environment: query.environment,
      status: query.status,
      owner: query.owner,
      q: query.q,
      sort:
        (changes.sort ?? query.sort) === '-createdAt' ? undefined : (changes.sort ?? query.sort),
      page: changes.page,
    })
  const successors = await keySuccessors(
    user,
    keys.docs.map((key) => key.id),
  )
  const columns = keyColumns(now, successors)

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
        {owner !== undefined && (
          <>
            {' '}
            Showing{' '}
            <strong>
              {owner === 'personal' ? 'your personal keys' : `the keys of ${ownerLabel}`}
            </strong>
            ; switch accounts in the header.
          </>
        )}
      </p>

      <FilterBar
        action="/api-keys"
        label="Filter keys"
        keep={{
          sort: query.sort === '-createdAt' ? undefined : query.sort,
          owner: query.owner === undefined ? undefined : String(query.owner),
        }}
        search={{ name: 'q', label: 'Search', value: query.q, placeholder: 'Name or key' }}
        clearHref="/api-keys"
        filters={[
          {
            name: 'environment',
            label: 'Environment',
            value: query.environment,
            allLabel: 'All environments',
            options: optionsOf(KEY_ENVIRONMENTS, environmentLabel),
          },
          {
            name: 'status',
            label: 'Status',
            value: query.status,
            allLabel: 'All statuses',
            options: optionsOf(KEY_STATES, stateLabel),
            className: 'sm:w-40',
          },
        ]}
      />

      {keys.totalDocs === 0 ? (
        <Card aria-labelledby="empty-heading" className="text-center">
          {isFiltered ? (
            <>
              <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
                No keys match these filters
              </h2>
              <p className="mb-4 text-sm text-muted-foreground">
                Try another search, environment or status.
              </p>
              <Button asChild variant="outline">
                <Link href="/api-keys">Show all keys</Link>
              </Button>
            </>
          ) : (
            <>
              <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
                {owner === undefined
                  ? 'You have no API keys yet'
                  : `${ownerLabel} has no API keys yet`}
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
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="sr-only">
            Keys
          </h2>
          <DataTable
            caption="API keys"
            columns={columns}
            rows={keys.docs}
            rowKey={(key) => key.id}
            sort={sortBy(query.sort, (sort) => listHref({ sort }))}
            pages={pagesOf(keys, (page) => listHref({ page }), ['key', 'keys'])}
          />
        </section>
      )}
    </div>
  )
}
