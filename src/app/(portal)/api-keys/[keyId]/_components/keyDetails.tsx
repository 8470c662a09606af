import Link from 'next/link'

import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import type { Column } from '@/components/DataTable'
import type { Detail } from '@/components/DetailList'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { keyState } from '@/data/apiKeys'
import type { LIMIT_FIELDS } from '@/fields/limitsField'
import { formatDateTime } from '@/lib/time'
import type { ApiKey, Organization, User } from '@/payload-types'

export const personName = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as User).name : null

const formatCount = (value: number) => value.toLocaleString('en')

export type LimitRow = {
  field: (typeof LIMIT_FIELDS)[number]
  effective?: { limit: number }
  own: number | null | undefined
}

export const limitColumns: Column<LimitRow>[] = [
  { key: 'limit', header: 'Limit', isRowHeader: true, cell: (row) => row.field.label },
  {
    key: 'effective',
    header: 'In effect',
    cell: (row) => (row.effective ? formatCount(row.effective.limit) : 'Unlimited'),
  },
  {
    key: 'own',
    header: 'This key’s own',
    cell: (row) => (typeof row.own === 'number' ? formatCount(row.own) : 'Plan default'),
  },
]

export const accountOf = (key: ApiKey) =>
  typeof key.organization === 'object' ? (key.organization as Organization | null) : null

/** What the Details card lists of a key. */
export function keyDetails(key: ApiKey, now: number): Detail[] {
  const organization = accountOf(key)
  const createdBy = personName(key.createdBy)
  const revokedBy = personName(key.revokedBy)
  const rotatedFrom =
    typeof key.rotatedFrom === 'object' ? (key.rotatedFrom as ApiKey | null) : null
  return [
    { term: 'Key', value: <code className="font-mono break-all">{key.display}</code> },
    { term: 'Environment', value: <EnvironmentBadge environment={key.environment} /> },
    { term: 'Status', value: <StatusBadge state={keyState(key, now)} /> },
    {
      term: 'Owner',
      value: (
        <>
          {organization ? organization.name : (personName(key.owner) ?? 'Personal')}{' '}
          <span className="text-muted-foreground">
            ({organization ? 'organization' : 'personal'})
          </span>
        </>
      ),
    },
    {
      term: 'Created',
      value: (
        <>
          <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
          {createdBy && ` by ${createdBy}`}
        </>
      ),
    },
    {
      term: 'Last used',
      value: key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} now={now} /> : 'Never',
    },
    {
      term: 'Expires',
      value: key.expiresAt ? (
        <>
          {formatDateTime(key.expiresAt)} (<RelativeTime date={key.expiresAt} now={now} />)
        </>
      ) : (
        'Never'
      ),
    },
    {
      term: 'Revoked',
      isHidden: !key.revokedAt,
      value: key.revokedAt && (
        <>
          <time dateTime={key.revokedAt}>{formatDateTime(key.revokedAt)}</time>
          {revokedBy && ` by ${revokedBy}`}
        </>
      ),
    },
    {
      term: 'Rotated from',
      isHidden: !rotatedFrom,
      value: rotatedFrom && (
        <Link href={`/api-keys/${rotatedFrom.id}`} className="text-primary underline">
          {rotatedFrom.name} (<code className="font-mono">{rotatedFrom.display}</code>)
        </Link>
      ),
    },
    {
      term: 'IP allowlist',
      value: key.ipAllowlist?.length ? (
        <ul className="space-y-0.5">
          {key.ipAllowlist.map((entry) => (
            <li key={entry}>
              <code className="font-mono">{entry}</code>
            </li>
          ))}
        </ul>
      ) : (
        'Any address'
      ),
    },
    {
      term: 'Notes',
      value: <span className="whitespace-pre-line">{key.notes || '—'}</span>,
    },
  ]
}
