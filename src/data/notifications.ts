import 'server-only'

import type { Payload } from 'payload'

import type { Notification, User } from '@/payload-types'

import { payloadClient } from './session'

export const NOTIFICATIONS_PER_PAGE = 20

type Viewer = Pick<User, 'id'> & { collection?: string }

const asViewer = (user: Viewer) => ({ ...user, collection: 'users' as const })

/** How many notifications the person has not read (in-app ones). */
export async function unreadCount(user: Viewer, payload?: Payload): Promise<number> {
  const client = payload ?? (await payloadClient())
  const { totalDocs } = await client.count({
    collection: 'notifications',
    where: {
      and: [
        { recipient: { equals: user.id } },
        { readAt: { exists: false } },
        { inApp: { equals: true } },
      ],
    },
    overrideAccess: false,
    user: asViewer(user) as never,
  })
  return totalDocs
}

/** A page of the person's notifications, newest first; only unread ones when asked. */
export async function listNotifications(
  user: Viewer,
  { isUnreadOnly, page }: { isUnreadOnly: boolean; page: number },
) {
  const payload = await payloadClient()
  return payload.find({
    collection: 'notifications',
    where: {
      and: [
        { recipient: { equals: user.id } },
        { inApp: { equals: true } },
        ...(isUnreadOnly ? [{ readAt: { exists: false } }] : []),
      ],
    },
    sort: '-createdAt',
    page,
    limit: NOTIFICATIONS_PER_PAGE,
    depth: 1,
    overrideAccess: false,
    user: asViewer(user) as never,
  }) as Promise<{ docs: Notification[]; totalDocs: number; totalPages: number; page?: number }>
}
