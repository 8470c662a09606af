import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { currentUser, payloadClient } from '@/data/session'
import { findInvitation, INVITATION_PROBLEMS, invitationProblem } from '@/lib/invitations'
import type { Organization } from '@/payload-types'

import { acceptInvitationAction } from './actions'

export const metadata: Metadata = { title: 'Accept invitation' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function AcceptInvitationPage({ searchParams }: Props) {
  const { token } = await searchParams
  const user = await currentUser()
  const invitation = token ? await findInvitation(await payloadClient(), token) : null
  const problem = invitationProblem(invitation, user)
  const organization = invitation?.organization as Organization | undefined
  const returnTo = `/invitations/accept?token=${encodeURIComponent(token ?? '')}`

  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">
        {organization ? `Join ${organization.name}` : 'Organization invitation'}
      </h1>
      {problem ? (
        <Alert tone="error">{INVITATION_PROBLEMS[problem]}</Alert>
      ) : !user ? (
        <div className="space-y-4">
          <p className="text-sm">
            You were invited as {invitation?.role === 'admin' ? 'an admin' : 'a member'}. Log in, or
            create an account with the address the invitation was sent to.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button asChild>
              <Link href={`/login?next=${encodeURIComponent(returnTo)}`}>Log in to accept</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/signup">Create an account</Link>
            </Button>
          </div>
        </div>
      ) : (
        <ActionForm
          action={acceptInvitationAction}
          submitLabel="Accept invitation"
          pendingLabel="Joining…"
        >
          <Hidden name="token" value={token ?? ''} />
          <p className="text-sm">
            Join as {invitation?.role === 'admin' ? 'an admin' : 'a member'}, signed in as{' '}
            {user.email}.
          </p>
        </ActionForm>
      )}
    </Card>
  )
}
