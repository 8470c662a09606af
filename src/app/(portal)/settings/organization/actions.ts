'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import { leaveOrganization } from '@collections/Organizations/leave'
import { personAction, type PersonContext } from '@/actions/formAction'
import { lockOrganization } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import {
  createOrganizationSchema,
  invitationIdSchema,
  inviteSchema,
  leaveSchema,
  memberRoleSchema,
  memberSchema,
  twoFactorRequirementSchema,
} from '@/schemas/organization'

const PAGE = '/settings/organization'

export const createOrganizationAction = personAction({
  schema: createOrganizationSchema,
  onError: (state) =>
    state.errors?.slug
      ? { ...state, errors: { ...state.errors, slug: 'This slug is taken. Try another.' } }
      : state,
  run: async (data, { payload, user }) => {
    const org = await payload.create({
      collection: 'organizations',
      data: { ...data, members: [] },
      overrideAccess: false,
      user,
    })
    redirect(`${PAGE}?org=${org.slug}`)
  },
})

export const inviteAction = personAction({
  schema: inviteSchema,
  failure: 'The invitation could not be sent. Try again.',
  revalidate: () => [PAGE],
  run: async (data, { payload, user }) => {
    const org = await payload.findByID({
      collection: 'organizations',
      id: data.organization,
      depth: 1,
      overrideAccess: false,
      user,
    })
    const isMember = org.members.some(
      (member) =>
        typeof member.user === 'object' && member.user.email?.toLowerCase() === data.email,
    )
    if (isMember) {
      return {
        status: 'error',
        errors: { email: 'This person is already a member.' },
        values: { email: data.email },
      }
    }
    await payload.create({
      collection: 'organization-invitations',
      data,
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: `Invitation sent to ${data.email}.` }
  },
})

export const revokeInvitationAction = personAction({
  schema: invitationIdSchema,
  revalidate: () => [PAGE],
  run: async ({ invitation }, { payload, user }) => {
    await payload.delete({
      collection: 'organization-invitations',
      id: invitation,
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: 'Invitation revoked.' }
  },
})

type Members = { user: number; role: 'owner' | 'admin' | 'member' }[]

/** Applies `change` to the member list of an organization the person may manage. */
async function updateMembers(
  { payload, req: requestOf }: PersonContext,
  organizationId: number,
  change: (members: Members) => Members,
): Promise<void> {
  const req = await requestOf()
  // One member-list change at a time (see lockOrganization).
  await inTransaction(req, async () => {
    await lockOrganization(req, organizationId)
    const org = await payload.findByID({
      collection: 'organizations',
      id: organizationId,
      depth: 0,
      overrideAccess: false,
      req,
    })
    await payload.update({
      collection: 'organizations',
      id: organizationId,
      data: {
        members: change(
          org.members.map((m) => ({ user: Number(relationId(m.user)), role: m.role })),
        ),
      },
      overrideAccess: false,
      req,
    })
  })
}

export const changeRoleAction = personAction({
  schema: memberRoleSchema,
  revalidate: () => [PAGE],
  run: async ({ organization, user, role }, context) => {
    await updateMembers(context, organization, (members) =>
      members.map((m) => (m.user === user ? { ...m, role } : m)),
    )
    return { status: 'ok', message: 'Role updated.' }
  },
})

export const removeMemberAction = personAction({
  schema: memberSchema,
  revalidate: () => [PAGE],
  run: async ({ organization, user }, context) => {
    await updateMembers(context, organization, (members) => members.filter((m) => m.user !== user))
    return { status: 'ok', message: 'Member removed.' }
  },
})

export const leaveOrganizationAction = personAction({
  schema: leaveSchema,
  run: async ({ organization }, { req }) => {
    const name = await leaveOrganization(await req(), organization)
    revalidatePath(PAGE)
    redirect(`${PAGE}?left=${encodeURIComponent(name)}`)
  },
})

/** Owners and admins require (or stop requiring) two-factor authentication of members. */
export const twoFactorRequirementAction = personAction({
  schema: twoFactorRequirementSchema,
  revalidate: () => [PAGE],
  run: async ({ organization, requireTwoFactor }, { payload, req }) => {
    const isRequired = requireTwoFactor === 'on'
    await payload.update({
      collection: 'organizations',
      id: organization,
      data: { requireTwoFactor: isRequired },
      overrideAccess: false,
      req: await req(),
    })
    return {
      status: 'ok',
      message: isRequired
        ? 'Two-factor authentication is now required of every member.'
        : 'Two-factor authentication is no longer required.',
    }
  },
})
