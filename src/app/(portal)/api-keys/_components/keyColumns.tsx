import Link from 'next/link'

import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import type { Column } from '@/components/DataTable'
import { CodeChips, ownerColumn } from '@/components/DataTable/cells'
import { KeyRotation } from '@/components/KeyRotation'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { keyState } from '@/data/apiKeys'
import type { ApiKey } from '@/payload-types'

const SCOPES_SHOWN = 4

/**
 * The columns of the key list: name and displayed key (with its rotation), environment, status,
 * scopes, owner, created, last used, expiry, usage.
 */
export function keyColumns(now: number, successors: Map<number, ApiKey>): Column<ApiKey>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      isSortable: true,
      isRowHeader: true,
      cell: (key) => (
        <>
          <Link href={`/api-keys/${key.id}`} className="font-semibold text-primary underline">
            {key.name}
          </Link>
          <code className="block font-mono text-xs break-all text-muted-foreground">
            {key.display}
          </code>
          <KeyRotation apiKey={key} successor={successors.get(key.id)} now={now} />
        </>
      ),
    },
    {
      key: 'environment',
      header: 'Environment',
      cell: (key) => <EnvironmentBadge environment={key.environment} />,
    },
    {
      key: 'state',
      header: 'Status',
      cell: (key) => <StatusBadge state={keyState(key, now)} />,
    },
    {
      key: 'scopes',
      header: 'Scopes',
      cell: (key) => (
        <CodeChips items={key.scopes} label={`Scopes of ${key.name}`} max={SCOPES_SHOWN} />
      ),
    },
    ownerColumn(),
    {
      key: 'createdAt',
      header: 'Created',
      isSortable: true,
      firstDirection: 'desc',
      className: 'whitespace-nowrap',
      cell: (key) => <RelativeTime date={key.createdAt} now={now} />,
    },
    {
      key: 'lastUsedAt',
      header: 'Last used',
      isSortable: true,
      firstDirection: 'desc',
      className: 'whitespace-nowrap',
      cell: (key) => (key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} now={now} /> : 'Never'),
    },
    {
      key: 'expiresAt',
      header: 'Expires',
      className: 'whitespace-nowrap',
      cell: (key) => (key.expiresAt ? <RelativeTime date={key.expiresAt} now={now} /> : 'Never'),
    },
    {
      key: 'usage',
      header: 'Usage',
      isHeaderHidden: true,
      cell: (key) => (
        <Link href={`/api-keys/${key.id}/usage`} className="text-primary underline">
          Usage<span className="sr-only"> of {key.name}</span>
        </Link>
      ),
    },
  ]
}
