import type { Metadata } from 'next'
import Link from 'next/link'

import { canManage } from '@/access/organizationAccess'
import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { SuggestSlug } from '@/components/SuggestSlug/index.client'
import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { myOrganizations, pendingInvitations } from '@/data/organizations'
import { requireUser } from '@/data/session'
import type { User } from '@/payload-types'

import {
  changeRoleAction,
  createOrganizationAction,
  inviteAction,
  leaveOrganizationAction,
  removeMemberAction,
  revokeInvitationAction,
} from './actions'

import { TwoFactorRequirement } from './_components/TwoFactorRequirement'

export const metadata: Metadata = { title: 'Organizations' }

type Props = { searchParams: Promise<{ org?: string; left?: string }> }

const ROLE_OPTIONS = [
  { label: 'Owner', value: 'owner' },
  { label: 'Admin', value: 'admin' },
  { label: 'Member', value: 'member' },
]

export default async function OrganizationSettingsPage({ searchParams }: Props) {
  const user = await requireUser('/settings/organization')
  const { org: selectedSlug, left } = await searchParams
  const organizations = await myOrganizations(user)
  const selected = organizations.find((org) => org.slug === selectedSlug) ?? organizations[0]
  const isManager = canManage(selected?.myRole)
  const invitations = selected && isManager ? await pendingInvitations(selected.id, user) : []
  const owners = selected?.members.filter((member) => member.role === 'owner').length ?? 0
  const canLeave = selected && (selected.myRole !== 'owner' || owners > 1)

  return (
    <>
      <h1 className="text-2xl font-semibold">Organizations</h1>
      {left && <Alert tone="success">You left {left.slice(0, 80)}.</Alert>}
      {organizations.length === 0 ? (
        <Card>
          <h2 className="mb-1 text-lg font-semibold">You are not in an organization yet</h2>
          <p className="text-sm text-muted-foreground">
            Organizations share API keys, usage and a plan across a team. Create one below, or ask a
            teammate to invite you.
          </p>
        </Card>
      ) : (
        <nav aria-label="Your organizations" className="flex flex-wrap gap-2">
          {organizations.map((org) => (
            <Link
              key={org.id}
              href={`?org=${org.slug}`}
              aria-current={org.id === selected?.id ? 'page' : undefined}
              className="rounded-full border border-border px-3 py-1 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
            >
              {org.name}
            </Link>
          ))}
        </nav>
      )}

      {selected && (
        <Card aria-labelledby="members-heading">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="members-heading" className="text-lg font-semibold">
              {selected.name}{' '}
              <span className="text-sm font-normal text-muted-foreground">
                /{selected.slug} · {selected.plan} plan · you are {selected.myRole}
              </span>
            </h2>
            {canLeave ? (
              <ConfirmAction
                action={leaveOrganizationAction}
                fields={{ organization: String(selected.id) }}
                label="Leave organization"
                title={`Leave ${selected.name}?`}
                description={`You lose access to ${selected.name}'s keys, usage and settings at once. To come back, ask an admin for a new invitation.`}
                confirmLabel="Leave"
              />
            ) : (
              <p className="text-sm text-muted-foreground">
                You are its only owner: make another member an owner before you leave.
              </p>
            )}
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Members of {selected.name}</caption>
              <thead>
                <tr className="border-b border-border">
                  <th scope="col" className="py-2 pr-4">
                    Member
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Role
                  </th>
                  {isManager && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {selected.members.map((member) => {
                  const person = member.user as User
                  const isSelf = person.id === user.id
                  return (
                    <tr
                      key={member.id ?? person.id}
                      className="border-b border-border last:border-0"
                    >
                      <td className="py-3 pr-4">
                        <span className="font-medium">{person.name}</span>{' '}
                        <span className="text-muted-foreground">@{person.username}</span>
                        {isSelf && <span className="text-muted-foreground"> (you)</span>}
                      </td>
                      <td className="py-3 pr-4">
                        {isManager && !isSelf ? (
                          <ActionForm
                            action={changeRoleAction}
                            submitLabel="Change"
                            submitVariant="outline"
                            className="flex flex-wrap items-end gap-2"
                            aria-label={`Role of ${person.name}`}
                          >
                            <Hidden name="organization" value={String(selected.id)} />
                            <Hidden name="user" value={String(person.id)} />
                            <Field
                              name="role"
                              label={`Role of ${person.name}`}
                              isLabelHidden
                              defaultValue={member.role}
                              options={ROLE_OPTIONS}
                            />
                          </ActionForm>
                        ) : (
                          member.role
                        )}
                      </td>
                      {isManager && (
                        <td className="py-3 text-right">
                          {!isSelf && (
                            <ConfirmAction
                              action={removeMemberAction}
                              fields={{
                                organization: String(selected.id),
                                user: String(person.id),
                              }}
                              label="Remove"
                              title={`Remove ${person.name}?`}
                              description={`${person.name} loses access to ${selected.name}'s keys, usage and settings at once.`}
                              confirmLabel="Remove member"
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}

      {selected && isManager && <TwoFactorRequirement organization={selected} />}

      {selected && isManager && (
        <Card aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="mb-4 text-lg font-semibold">
            Invite someone
          </h2>
          <ActionForm
            action={inviteAction}
            submitLabel="Send invitation"
            pendingLabel="Sending…"
            className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
          >
            <Hidden name="organization" value={String(selected.id)} />
            <Field name="email" label="Email" type="email" required />
            <Field name="role" label="Role" defaultValue="member" options={ROLE_OPTIONS.slice(1)} />
          </ActionForm>
          <h3 className="mb-2 mt-6 font-semibold">Pending invitations</h3>
          {invitations.length === 0 ? (
            <p className="text-sm text-muted-foreground">No pending invitations.</p>
          ) : (
            <ul className="divide-y divide-border text-sm">
              {invitations.map((invitation) => {
                const isExpired = invitation.expiresAt
                  ? new Date(invitation.expiresAt) < new Date()
                  : false
                return (
                  <li
                    key={invitation.id}
                    className="flex flex-wrap items-center justify-between gap-2 py-2"
                  >
                    <span>
                      {invitation.email} · {invitation.role} ·{' '}
                      {isExpired ? (
                        <span className="text-danger">expired</span>
                      ) : (
                        `expires ${new Date(invitation.expiresAt ?? '').toLocaleDateString('en', { dateStyle: 'medium' })}`
                      )}
                    </span>
                    <ConfirmAction
                      action={revokeInvitationAction}
                      fields={{ invitation: String(invitation.id) }}
                      label="Revoke"
                      title={`Revoke the invitation to ${invitation.email}?`}
                      description="The link in their mail stops working. You can invite them again later."
                      confirmLabel="Revoke invitation"
                    />
                  </li>
                )
              })}
            </ul>
          )}
        </Card>
      )}

      <Card aria-labelledby="create-heading">
        <h2 id="create-heading" className="mb-4 text-lg font-semibold">
          Create an organization
        </h2>
        <ActionForm
          action={createOrganizationAction}
          submitLabel="Create organization"
          pendingLabel="Creating…"
        >
          <Field name="name" label="Organization name" required maxLength={80} />
          <Field
            name="slug"
            label="Slug"
            required
            maxLength={48}
            hint="Used in URLs: lower-case letters, digits and dashes. Suggested from the name."
          />
          <SuggestSlug from="name" to="slug" />
        </ActionForm>
      </Card>
    </>
  )
}
