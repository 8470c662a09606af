'use server'

import { redirect } from 'next/navigation'

import { currentUser, payloadClient } from '@/data/session'
import type { FormState } from '@/lib/formState'
import { acceptInvitation, INVITATION_PROBLEMS } from '@/lib/invitations'

export async function acceptInvitationAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Log in to accept the invitation.' }
  const token = formData.get('token')
  if (typeof token !== 'string' || token.length < 20) {
    return { status: 'error', message: INVITATION_PROBLEMS.INVALID }
  }
  const result = await acceptInvitation(await payloadClient(), token, user)
  if (!result.ok) return { status: 'error', message: INVITATION_PROBLEMS[result.problem] }
  redirect(`/settings/organization?org=${result.organizationSlug}`)
}
