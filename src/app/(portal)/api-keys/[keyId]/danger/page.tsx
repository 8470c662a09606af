import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { RevokeKey } from '@/components/RevokeKey/index.client'
import { Panel } from '@/components/ui/card'
import { getKey, keyState, keyUsageSummary, requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'

import { revokeKeyAction } from '../actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Revoke API key' }

type Props = { params: Promise<{ keyId: string }> }

/** The key's Danger zone: revoke it, after seeing what used it lately. */
export default async function ApiKeyDangerPage({ params }: Props) {
  const { keyId } = await params
  const user = await requireUser(`/api-keys/${keyId}/danger`)
  const key = await getKey(user, keyId)
  if (!key) notFound()
  const isRevoked = keyState(key, requestNow()) === 'revoked'
  const recentUse = await keyUsageSummary(key.id, 7)

  return (
    <div className="space-y-6">
      {/* Rendered once revoked too: the revocation's toast comes from it. */}
      <Panel
        id="revoke-heading"
        title="Revoke"
        className="border-danger"
        description={
          isRevoked ? (
            <>This key is revoked; nothing is left to do here.</>
          ) : (
            <>Stops the key at once, everywhere. Revoked keys stay listed for the audit trail.</>
          )
        }
      >
        <RevokeKey
          action={revokeKeyAction}
          keyId={key.id}
          keyName={key.name}
          isRevoked={isRevoked}
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
    </div>
  )
}
