import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { DataTable } from '@/components/DataTable'
import { DetailList } from '@/components/DetailList'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { getKey, keyLimitWindows, keyState, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { LIMIT_FIELDS } from '@/fields/limitsField'
import { isScope, SCOPES } from '@/lib/keys/scopes'
import { formatDateTime } from '@/lib/time'

import { accountOf, keyDetails, limitColumns, personName } from './_components/keyDetails'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key' }

type Props = { params: Promise<{ keyId: string }> }

export default async function ApiKeyOverviewPage({ params }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}`)
  const key = await getKey(user, keyId)
  if (!key) notFound()

  const now = requestNow()
  const state = keyState(key, now)
  const limits = await keyLimitWindows(key)
  const organization = accountOf(key)
  const revokedBy = personName(key.revokedBy)

  return (
    <div className="space-y-6">
      {state === 'revoked' && (
        <Alert tone="info">
          This key was revoked
          {key.revokedAt ? ` on ${formatDateTime(key.revokedAt)}` : ''}
          {revokedBy ? ` by ${revokedBy}` : ''}. Every request with it is refused; its details are
          kept read-only.
        </Alert>
      )}
      {state === 'expired' && (
        <Alert tone="info">
          This key expired on {formatDateTime(key.expiresAt ?? '')}. Set a later expiry under{' '}
          <Link href={`/api-keys/${key.id}/settings`} className="text-primary underline">
            Settings
          </Link>{' '}
          to use it again, or create a new key.
        </Alert>
      )}

      <Panel id="details-heading" title="Details">
        <DetailList details={keyDetails(key, now)} />
      </Panel>
      <Panel id="scopes-heading" title="Scopes">
        <ul className="space-y-2 text-sm">
          {key.scopes.map((scope) => (
            <li key={scope}>
              <code className="font-mono font-medium">{scope}</code>
              {isScope(scope) && (
                <span className="text-muted-foreground"> — {SCOPES[scope].description}</span>
              )}
            </li>
          ))}
        </ul>
      </Panel>

      <Panel
        id="limits-heading"
        title="Limits"
        description={
          <>
            The {limits?.plan ?? 'free'} plan&apos;s limits
            {organization
              ? ', tightened by the organization’s contract and'
              : ', tightened by'}{' '}
            this key&apos;s own limits. Windows are shared by every key of the{' '}
            {organization ? 'organization' : 'account'}.
          </>
        }
      >
        <DataTable
          caption={`Limits of ${key.name}`}
          columns={limitColumns}
          rows={LIMIT_FIELDS.map((field) => ({
            field,
            effective: limits?.windows.find(
              (w) => w.resource === field.resource && w.window === field.window,
            ),
            own: key.limits?.[field.name],
          }))}
          rowKey={(row) => row.field.name}
        />
      </Panel>
    </div>
  )
}
