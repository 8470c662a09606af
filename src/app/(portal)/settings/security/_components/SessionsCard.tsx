import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { countryOf } from '@/lib/geo'
import type { listSessions } from '@/lib/auth/sessions'
import { describeUserAgent } from '@/lib/userAgent'

import { endOtherSessionsAction, endSessionAction } from '../actions'

type Session = Awaited<ReturnType<typeof listSessions>>[number]

const countryName = (code: string | null) => {
  if (!code) return 'Unknown location'
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Where the account is signed in: device, address, country, times; end one or all others. */
export function SessionsCard({
  sessions,
  currentId,
  now,
}: {
  sessions: Session[]
  currentId: string | undefined
  now: number
}) {
  const others = sessions.filter((session) => session.id !== currentId).length
  return (
    <Card aria-labelledby="sessions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Active sessions
        </h2>
        {others > 0 && (
          <ConfirmAction
            action={endOtherSessionsAction}
            fields={{}}
            label="End all other sessions"
            title="End every other session?"
            description={`${others} other ${others === 1 ? 'session is' : 'sessions are'} signed out at once. This one stays.`}
            confirmLabel="End other sessions"
          />
        )}
      </div>
      <ul className="divide-y rounded-md border" aria-label="Sessions">
        {sessions.map((session) => {
          const isCurrent = session.id === currentId
          const device = describeUserAgent(session.userAgent)
          return (
            <li
              key={session.id}
              className="flex flex-wrap items-start justify-between gap-3 p-3"
              data-testid="session"
            >
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {device}
                  {isCurrent && <Badge tone="success">This session</Badge>}
                </p>
                <p className="text-sm break-words text-muted-foreground">
                  {session.ip ?? 'Unknown address'} · {countryName(countryOf(session.ip))}
                </p>
                <p className="text-sm text-muted-foreground">
                  Signed in <RelativeTime date={session.createdAt} now={now} /> · last seen{' '}
                  <RelativeTime date={session.lastSeenAt} now={now} />
                </p>
              </div>
              {!isCurrent && (
                <ConfirmAction
                  action={endSessionAction}
                  fields={{ id: session.id }}
                  label="End session"
                  title={`End the session of ${device}?`}
                  description="That browser is signed out at its next request."
                  confirmLabel="End session"
                />
              )}
            </li>
          )
        })}
      </ul>
    </Card>
  )
}
