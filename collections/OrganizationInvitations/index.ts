import type { CollectionConfig } from 'payload'

import { invitationManagerOrStaff } from '@/access/invitationAccess'
import { nobody } from '@/access/nobody'
import { internalField } from '@/fields/systemField'

import { issueInvitation, sendInvitationMail } from './hooks/issueInvitation'
import { limitInvitations } from './hooks/limitInvitations'

export const OrganizationInvitations: CollectionConfig = {
  slug: 'organization-invitations',
  labels: { singular: 'Invitation', plural: 'Invitations' },
  access: {
    create: invitationManagerOrStaff,
    read: invitationManagerOrStaff,
    update: nobody,
    delete: invitationManagerOrStaff,
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'organization', 'role', 'expiresAt', 'acceptedAt'],
    group: 'Accounts',
  },
  fields: [
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      required: true,
      index: true,
    },
    { name: 'email', type: 'email', required: true },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'member',
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Member', value: 'member' },
      ],
    },
    // SHA-256 of the single-use token; the token itself only ever travels in the mail.
    internalField({ name: 'tokenHash', type: 'text', index: true }),
    { name: 'expiresAt', type: 'date', admin: { readOnly: true } },
    { name: 'acceptedAt', type: 'date', admin: { readOnly: true } },
    { name: 'acceptedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'invitedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
  ],
  hooks: {
    beforeChange: [limitInvitations, issueInvitation],
    afterChange: [sendInvitationMail],
  },
}
