import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { ApiKeyForm } from '@/components/ApiKeyForm/index.client'
import { RotateKey } from '@/components/RotateKey/index.client'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { getKey, keyState, keySuccessors, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { GRACE_PERIODS } from '@/lib/keys/manage'
import { ALL_SCOPES, grantableScopes, SCOPES } from '@/lib/keys/scopes'
import { GRACE_PERIOD_LABELS } from '@/schemas/apiKeys'

import { rotateKeyAction, updateKeyAction } from '../actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'API key settings' }

type Props = { params: Promise<{ keyId: string }> }

/** The key's Settings tab: edit its name, scopes, expiry, allowlist and notes; rotate it. */
export default async function ApiKeySettingsPage({ params }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}/settings`)
  const key = await getKey(user, keyId)
  if (!key) notFound()
  const state = keyState(key, requestNow())
  const successor = (await keySuccessors(user, [key.id])).get(key.id)
  const isRevoked = state === 'revoked'

  const grantable = new Set<string>([...grantableScopes(hasRole(user, 'staff')), ...key.scopes])
  const scopeOptions = ALL_SCOPES.filter((scope) => grantable.has(scope)).map((scope) => ({
    value: scope,
    description: SCOPES[scope].description,
    isService: SCOPES[scope].isService,
  }))

  return (
    <div className="space-y-6">
      {isRevoked && (
        <Alert tone="info">
          A revoked key cannot be edited or rotated; its details stay read-only.
        </Alert>
      )}
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
            {successor
              ? `This key was replaced by ${successor.name} (${successor.display}); rotate that one instead.`
              : state === 'active'
                ? 'Issue a new key with the same settings. The old one can keep working for a while, so you can deploy the new one first.'
                : 'Only an active key can be rotated.'}
          </>
        }
      >
        <RotateKey
          action={rotateKeyAction}
          keyId={key.id}
          keyName={key.name}
          canRotate={state === 'active' && !successor}
          gracePeriods={GRACE_PERIODS.map((value) => ({
            value,
            label: GRACE_PERIOD_LABELS[value],
          }))}
        />
      </Panel>
    </div>
  )
}
