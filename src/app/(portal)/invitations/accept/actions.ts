'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'

import { personAction } from '@/actions/formAction'
import { acceptInvitation, INVITATION_PROBLEMS } from '@/lib/invitations'

const tokenSchema = z.object({ token: z.string().min(20, INVITATION_PROBLEMS.INVALID) })

export const acceptInvitationAction = personAction({
  schema: tokenSchema,
  isHidden: true,
  run: async ({ token }, { payload, user }) => {
    const result = await acceptInvitation(payload, token, user)
    if (!result.ok) return { status: 'error', message: INVITATION_PROBLEMS[result.problem] }
    redirect(`/settings/organization?org=${result.organizationSlug}`)
  },
})
