import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import { ApiKeyForm } from '@/components/ApiKeyForm/index.client'
import { RevokeKey } from '@/components/RevokeKey/index.client'
import { RotateKey } from '@/components/RotateKey/index.client'
import { DataTable } from '@/components/DataTable'
import { DetailList } from '@/components/DetailList'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Panel } from '@/components/ui/card'
import { getKey, keyLimitWindows, keyState, keyUsageSummary, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { LIMIT_FIELDS } from '@/fields/limitsField'
import { GRACE_PERIODS } from '@/lib/keys/manage'
import { ALL_SCOPES, grantableScopes, isScope, SCOPES } from '@/lib/keys/scopes'
import { formatDateTime } from '@/lib/time'
import { GRACE_PERIOD_LABELS } from '@/schemas/apiKeys'

import { accountOf, keyDetails, limitColumns, personName } from './_components/keyDetails'
import { revokeKeyAction, rotateKeyAction, updateKeyAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key' }

type Props = { params: Promise<{ keyId: string }> }

export default async function ApiKeyPage({ params }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}`)
  const key = await getKey(user, keyId)
  if (!key) notFound()

  const now = requestNow()
  const state = keyState(key, now)
  const isRevoked = state === 'revoked'
  const [limits, recentUse] = await Promise.all([
    keyLimitWindows(key),
    isRevoked ? null : keyUsageSummary(key.id, 7),
  ])
  const organization = accountOf(key)
  const revokedBy = personName(key.revokedBy)

  const grantable = new Set<string>([...grantableScopes(hasRole(user, 'staff')), ...key.scopes])
  const scopeOptions = ALL_SCOPES.filter((scope) => grantable.has(scope)).map((scope) => ({
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
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold break-words">{key.name}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-sm break-all text-muted-foreground">{key.display}</code>
          <EnvironmentBadge environment={key.environment} />
          <StatusBadge state={state} />
        </div>
        <Button asChild variant="outline" size="sm">
          <Link href={`/api-keys/${key.id}/usage`}>View usage</Link>
        </Button>
      </header>

      {isRevoked && (
        <Alert tone="info">
          This key was revoked
          {key.revokedAt ? ` on ${formatDateTime(key.revokedAt)}` : ''}
          {revokedBy ? ` by ${revokedBy}` : ''}. Every request with it is refused; its details are
          kept read-only.
        </Alert>
      )}
      {state === 'expired' && (
        <Alert tone="info">
          This key expired on {formatDateTime(key.expiresAt ?? '')}. Set a later expiry below to use
          it again, or create a new key.
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

      {!isRevoked && (
        <Panel id="edit-heading" title="Edit key">
          <ApiKeyForm
            action={updateKeyAction}
            keyId={key.id}
            scopeOptions={scopeOptions}
            defaults={{
              name: key.name,
              scopes: key.scopes,
              expiresAt: key.expiresAt ?? null,
              ipAllowlist: key.ipAllowlist ?? [],
              notes: key.notes ?? '',
            }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
          />
        </Panel>
      )}

      {/* Always rendered, so a rotation's one-time key panel survives the page refresh. */}
      <Panel
        id="rotate-heading"
        title="Rotate"
        description={
          <>
            {state === 'active'
              ? 'Issue a new key with the same settings. The old one can keep working for a while, so you can deploy the new one first.'
              : 'Only an active key can be rotated.'}
          </>
        }
      >
        <RotateKey
          action={rotateKeyAction}
          keyId={key.id}
          keyName={key.name}
          canRotate={state === 'active'}
          gracePeriods={GRACE_PERIODS.map((value) => ({
            value,
            label: GRACE_PERIOD_LABELS[value],
          }))}
        />
      </Panel>

      {recentUse && (
        <Panel
          id="revoke-heading"
          title="Revoke"
          className="border-danger"
          description={
            <>Stops the key at once, everywhere. Revoked keys stay listed for the audit trail.</>
          }
        >
          <RevokeKey
            action={revokeKeyAction}
            keyId={key.id}
            keyName={key.name}
            recentUse={{
              days: recentUse.days,
              endpoints: recentUse.endpoints.map((item) => ({
                endpoint: item.endpoint,
                requests: item.requests,
                lastSeen: item.lastSeen.toISOString(),
              })),
              ips: recentUse.ips.map((item) => ({
                ip: item.ip,
                requests: item.requests,
                lastSeen: item.lastSeen.toISOString(),
              })),
            }}
          />
        </Panel>
      )}
    </div>
  )
}
