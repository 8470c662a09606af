import { z } from 'zod'

import { SLUG_PATTERN } from '@collections/Organizations/slug'

const id = z.coerce.number({ error: 'Missing id.' }).int().positive()

export const createOrganizationSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Name must be at least 2 characters.')
    .max(80, 'Name must be at most 80 characters.'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      SLUG_PATTERN,
      'Slug must be lower-case letters, digits or dashes, not starting or ending with a dash.',
    ),
})

export const inviteSchema = z.object({
  organization: id,
  email: z
    .email('Enter a valid email address, like name@example.com.')
    .transform((v) => v.toLowerCase()),
  role: z.enum(['admin', 'member'], { error: 'Choose admin or member.' }),
})

export const memberRoleSchema = z.object({
  organization: id,
  user: id,
  role: z.enum(['owner', 'admin', 'member'], { error: 'Choose owner, admin or member.' }),
})

export const memberSchema = z.object({ organization: id, user: id })

export const invitationIdSchema = z.object({ invitation: id })

export const leaveSchema = z.object({ organization: id })

export const twoFactorRequirementSchema = z.object({
  organization: id,
  requireTwoFactor: z.enum(['on', 'off'], { error: 'Choose whether to require it.' }),
})
