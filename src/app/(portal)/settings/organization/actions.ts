'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { createLocalReq } from 'payload'

import { leaveOrganization } from '@collections/Organizations/leave'
import { currentUser, payloadClient } from '@/data/session'
import { lockOrganization } from '@/lib/db'
import { inTransaction } from '@/lib/transactions'
import { formError, parseForm } from '@/lib/forms'
import { relationId } from '@/lib/relationId'
import type { FormState } from '@/lib/formState'
import {
  createOrganizationSchema,
  invitationIdSchema,
  inviteSchema,
  leaveSchema,
  memberRoleSchema,
  memberSchema,
} from '@/schemas/organization'

const PAGE = '/settings/organization'

async function session() {
  const user = await currentUser()
  return user ? { user, payload: await payloadClient() } : null
}

const signedOut: FormState = { status: 'error', message: 'Your session has ended. Log in again.' }

export async function createOrganizationAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const ctx = await session()
  if (!ctx) return signedOut
  const parsed = parseForm(createOrganizationSchema, formData)
  if (!parsed.data) return parsed.state
  let slug: string
  try {
    const org = await ctx.payload.create({
      collection: 'organizations',
      data: { ...parsed.data, members: [] },
      overrideAccess: false,
      user: ctx.user,
    })
    slug = org.slug
  } catch (error) {
    const state = formError(error, formData)
    if (state.errors?.slug) state.errors.slug = 'This slug is taken. Try another.'
    return state
  }
  redirect(`${PAGE}?org=${slug}`)
}

export async function inviteAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await session()
  if (!ctx) return signedOut
  const parsed = parseForm(inviteSchema, formData)
  if (!parsed.data) return parsed.state
  const org = await ctx.payload.findByID({
    collection: 'organizations',
    id: parsed.data.organization,
    depth: 1,
    overrideAccess: false,
    user: ctx.user,
  })
  const isMember = org.members.some(
    (member) =>
      typeof member.user === 'object' && member.user.email?.toLowerCase() === parsed.data.email,
  )
  if (isMember)
    return {
      status: 'error',
      errors: { email: 'This person is already a member.' },
      values: { email: parsed.data.email },
    }
  try {
    await ctx.payload.create({
      collection: 'organization-invitations',
      data: parsed.data,
      overrideAccess: false,
      user: ctx.user,
    })
  } catch (error) {
    return formError(error, formData, 'The invitation could not be sent. Try again.')
  }
  revalidatePath(PAGE)
  return { status: 'ok', message: `Invitation sent to ${parsed.data.email}.` }
}

export async function revokeInvitationAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const ctx = await session()
  if (!ctx) return signedOut
  const parsed = parseForm(invitationIdSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    await ctx.payload.delete({
      collection: 'organization-invitations',
      id: parsed.data.invitation,
      overrideAccess: false,
      user: ctx.user,
    })
  } catch (error) {
    return formError(error, formData)
  }
  revalidatePath(PAGE)
  return { status: 'ok', message: 'Invitation revoked.' }
}

/** Loads an organization the user may manage and applies `change` to its member list. */
async function updateMembers(
  formData: FormData,
  organizationId: number,
  change: (members: { user: number; role: 'owner' | 'admin' | 'member' }[]) => typeof members,
  done: string,
): Promise<FormState> {
  const ctx = await session()
  if (!ctx) return signedOut
  try {
    const req = await createLocalReq({ user: { ...ctx.user, collection: 'users' } }, ctx.payload)
    // One member-list change at a time (see lockOrganization).
    await inTransaction(req, async () => {
      await lockOrganization(req, organizationId)
      const org = await ctx.payload.findByID({
        collection: 'organizations',
        id: organizationId,
        depth: 0,
        overrideAccess: false,
        req,
      })
      const members = change(
        org.members.map((m) => ({ user: Number(relationId(m.user)), role: m.role })),
      )
      await ctx.payload.update({
        collection: 'organizations',
        id: organizationId,
        data: { members },
        overrideAccess: false,
        req,
      })
    })
  } catch (error) {
    return formError(error, formData)
  }
  revalidatePath(PAGE)
  return { status: 'ok', message: done }
}

export async function changeRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(memberRoleSchema, formData)
  if (!parsed.data) return parsed.state
  const { organization, user, role } = parsed.data
  return updateMembers(
    formData,
    organization,
    (members) => members.map((m) => (m.user === user ? { ...m, role } : m)),
    'Role updated.',
  )
}

export async function removeMemberAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(memberSchema, formData)
  if (!parsed.data) return parsed.state
  const { organization, user } = parsed.data
  return updateMembers(
    formData,
    organization,
    (members) => members.filter((m) => m.user !== user),
    'Member removed.',
  )
}

export async function leaveOrganizationAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const ctx = await session()
  if (!ctx) return signedOut
  const parsed = parseForm(leaveSchema, formData)
  if (!parsed.data) return parsed.state
  let name: string
  try {
    const req = await createLocalReq({ user: { ...ctx.user, collection: 'users' } }, ctx.payload)
    name = await leaveOrganization(req, parsed.data.organization)
  } catch (error) {
    return formError(error, formData)
  }
  revalidatePath(PAGE)
  redirect(`${PAGE}?left=${encodeURIComponent(name)}`)
}
