import type { CollectionAfterChangeHook } from 'payload'

import type { OrganizationRole } from '@/access/organizationAccess'
import { personId } from '@/lib/accounts'
import { publishEventFor } from '@/lib/events/publish'
import { relationId } from '@/lib/relationId'

type Row = { user: unknown; role: OrganizationRole }

/** Each member whose role changed hears of it (organization.role_changed), in the same transaction. */
export const announceRoleChanges: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update') return doc
  const before = new Map<string, OrganizationRole>(
    ((previousDoc?.members ?? []) as Row[]).map((row) => [relationId(row.user), row.role]),
  )
  for (const row of (doc.members ?? []) as Row[]) {
    const id = relationId(row.user)
    const from = before.get(id)
    if (!from || from === row.role) continue
    await publishEventFor(req, {
      type: 'organization.role_changed',
      account: { owner: null, organization: Number(doc.id) },
      actor: personId(req.user),
      data: {
        organization_id: Number(doc.id),
        organization_name: String(doc.name),
        user_id: Number(id),
        from,
        to: row.role,
      },
    })
  }
  return doc
}
