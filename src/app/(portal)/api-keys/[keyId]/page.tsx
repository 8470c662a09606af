import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { EnvironmentBadge, StatusBadge } from '@/components/ApiKeyBadges'
import { ApiKeyForm } from '@/components/ApiKeyForm/index.client'
import { RevokeKey } from '@/components/RevokeKey/index.client'
import { RotateKey } from '@/components/RotateKey/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { getKey, keyLimitWindows, keyState, keyUsageSummary, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { LIMIT_FIELDS } from '@/fields/limitsField'
import { GRACE_PERIODS } from '@/lib/keys/manage'
import { ALL_SCOPES, grantableScopes, isScope, SCOPES } from '@/lib/keys/scopes'
import { formatDateTime, relativeTime } from '@/lib/time'
import type { ApiKey, Organization, User } from '@/payload-types'
import { GRACE_PERIOD_LABELS } from '@/schemas/apiKeys'

import { revokeKeyAction, rotateKeyAction, updateKeyAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key' }

type Props = { params: Promise<{ keyId: string }> }

const personName = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as User).name : null

const formatCount = (value: number) => value.toLocaleString('en')

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
  const organization =
    typeof key.organization === 'object' ? (key.organization as Organization | null) : null
  const rotatedFrom =
    typeof key.rotatedFrom === 'object' ? (key.rotatedFrom as ApiKey | null) : null
  const createdBy = personName(key.createdBy)
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

      <Card aria-labelledby="details-heading">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted-foreground">Key</dt>
          <dd>
            <code className="font-mono break-all">{key.display}</code>
          </dd>
          <dt className="text-muted-foreground">Environment</dt>
          <dd>
            <EnvironmentBadge environment={key.environment} />
          </dd>
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <StatusBadge state={state} />
          </dd>
          <dt className="text-muted-foreground">Owner</dt>
          <dd>
            {organization ? (
              <>
                {organization.name} <span className="text-muted-foreground">(organization)</span>
              </>
            ) : (
              <>
                {personName(key.owner) ?? 'Personal'}{' '}
                <span className="text-muted-foreground">(personal)</span>
              </>
            )}
          </dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>
            <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
            {createdBy && ` by ${createdBy}`}
          </dd>
          <dt className="text-muted-foreground">Last used</dt>
          <dd>
            {key.lastUsedAt ? (
              <time dateTime={key.lastUsedAt} title={formatDateTime(key.lastUsedAt)}>
                {relativeTime(key.lastUsedAt, now)}
              </time>
            ) : (
              'Never'
            )}
          </dd>
          <dt className="text-muted-foreground">Expires</dt>
          <dd>
            {key.expiresAt ? (
              <>
                <time dateTime={key.expiresAt}>{formatDateTime(key.expiresAt)}</time> (
                {relativeTime(key.expiresAt, now)})
              </>
            ) : (
              'Never'
            )}
          </dd>
          {key.revokedAt && (
            <>
              <dt className="text-muted-foreground">Revoked</dt>
              <dd>
                <time dateTime={key.revokedAt}>{formatDateTime(key.revokedAt)}</time>
                {revokedBy && ` by ${revokedBy}`}
              </dd>
            </>
          )}
          {rotatedFrom && (
            <>
              <dt className="text-muted-foreground">Rotated from</dt>
              <dd>
                <Link href={`/api-keys/${rotatedFrom.id}`} className="text-primary underline">
                  {rotatedFrom.name} (<code className="font-mono">{rotatedFrom.display}</code>)
                </Link>
              </dd>
            </>
          )}
          <dt className="text-muted-foreground">IP allowlist</dt>
          <dd>
            {key.ipAllowlist?.length ? (
              <ul className="space-y-0.5">
                {key.ipAllowlist.map((entry) => (
                  <li key={entry}>
                    <code className="font-mono">{entry}</code>
                  </li>
                ))}
              </ul>
            ) : (
              'Any address'
            )}
          </dd>
          <dt className="text-muted-foreground">Notes</dt>
          <dd className="break-words whitespace-pre-line">{key.notes || '—'}</dd>
        </dl>
      </Card>

      <Card aria-labelledby="scopes-heading">
        <h2 id="scopes-heading" className="mb-4 text-lg font-semibold">
          Scopes
        </h2>
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
      </Card>

      <Card aria-labelledby="limits-heading">
        <h2 id="limits-heading" className="mb-1 text-lg font-semibold">
          Limits
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          The {limits?.plan ?? 'free'} plan&apos;s limits
          {organization ? ', tightened by the organization’s contract and' : ', tightened by'} this
          key&apos;s own limits. Windows are shared by every key of the{' '}
          {organization ? 'organization' : 'account'}.
        </p>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Limits of {key.name}</caption>
            <thead>
              <tr className="border-b border-border">
                <th scope="col" className="py-2 pr-4">
                  Limit
                </th>
                <th scope="col" className="py-2 pr-4">
                  In effect
                </th>
                <th scope="col" className="py-2">
                  This key&apos;s own
                </th>
              </tr>
            </thead>
            <tbody>
              {LIMIT_FIELDS.map((field) => {
                const effective = limits?.windows.find(
                  (w) => w.resource === field.resource && w.window === field.window,
                )
                const own = key.limits?.[field.name]
                return (
                  <tr key={field.name} className="border-b border-border last:border-0">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {field.label}
                    </th>
                    <td className="py-2 pr-4">
                      {effective ? formatCount(effective.limit) : 'Unlimited'}
                    </td>
                    <td className="py-2">
                      {typeof own === 'number' ? formatCount(own) : 'Plan default'}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </Card>

      {!isRevoked && (
        <Card aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
            Edit key
          </h2>
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
        </Card>
      )}

      {/* Always rendered, so a rotation's one-time key panel survives the page refresh. */}
      <Card aria-labelledby="rotate-heading">
        <h2 id="rotate-heading" className="mb-1 text-lg font-semibold">
          Rotate
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          {state === 'active'
            ? 'Issue a new key with the same settings. The old one can keep working for a while, so you can deploy the new one first.'
            : 'Only an active key can be rotated.'}
        </p>
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
      </Card>

      {recentUse && (
        <Card aria-labelledby="revoke-heading" className="border-danger">
          <h2 id="revoke-heading" className="mb-1 text-lg font-semibold">
            Revoke
          </h2>
          <p className="mb-4 text-sm text-muted-foreground">
            Stops the key at once, everywhere. Revoked keys stay listed for the audit trail.
          </p>
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
        </Card>
      )}
    </div>
  )
}
