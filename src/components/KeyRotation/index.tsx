import Link from 'next/link'

import { Countdown } from '@/components/Countdown/index.client'
import { keyState } from '@/data/apiKeys'
import type { ApiKey } from '@/payload-types'

const keyLink = (key: Pick<ApiKey, 'id' | 'name' | 'display'>) => (
  <Link href={`/api-keys/${key.id}`} className="text-primary underline">
    {key.name} (<code className="font-mono">{key.display}</code>)
  </Link>
)

/**
 * A rotation, as the list row and the key page show it: the old key says what replaced it and,
 * live, how long it keeps working ("stops working in 58 min"); the new one says what it
 * replaces.
 */
export function KeyRotation({
  apiKey,
  successor,
  now,
}: {
  apiKey: ApiKey
  successor?: ApiKey
  now: number
}) {
  const predecessor =
    typeof apiKey.rotatedFrom === 'object' ? (apiKey.rotatedFrom as ApiKey | null) : null
  if (!successor && !predecessor) return null
  const state = keyState(apiKey, now)
  return (
    <span className="block space-y-0.5 text-xs text-muted-foreground">
      {successor && (
        <span className="block">
          Replaced by {keyLink(successor)}
          {state === 'active' && apiKey.expiresAt && (
            <>
              {' · '}
              <strong className="font-semibold text-warning">
                <Countdown
                  until={apiKey.expiresAt}
                  now={now}
                  label="this key stops working in"
                  endedLabel="this key has expired"
                  refreshAtEnd
                />
              </strong>
            </>
          )}
        </span>
      )}
      {predecessor && <span className="block">Replaces {keyLink(predecessor)}</span>}
    </span>
  )
}
