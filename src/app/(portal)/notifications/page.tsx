import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { EmptyState } from '@/components/EmptyState'
import { pageHref, Pagination } from '@/components/Pagination'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { listNotifications, unreadCount } from '@/data/notifications'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { cn } from '@/lib/cn'

import { markAllReadAction, markReadAction } from './actions'

export const metadata: Metadata = { title: 'Notifications' }

type Props = { searchParams: Promise<{ filter?: string; page?: string }> }

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser('/notifications')
  const params = await searchParams
  const isUnreadOnly = params.filter === 'unread'
  const page = Math.min(Math.max(Number.parseInt(params.page ?? '1', 10) || 1, 1), 10_000)
  const [list, unread] = await Promise.all([
    listNotifications(user, { isUnreadOnly, page }),
    unreadCount(user),
  ])
  const filter = isUnreadOnly ? 'unread' : undefined
  const now = requestNow()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        {unread > 0 && (
          <ActionForm
            action={markAllReadAction}
            submitLabel="Mark all read"
            submitVariant="outline"
            className="flex"
          />
        )}
      </div>
      <nav aria-label="Which notifications" className="flex gap-2">
        {[
          { href: '/notifications', label: 'All', isCurrent: !isUnreadOnly },
          {
            href: '/notifications?filter=unread',
            label: `Unread (${unread})`,
            isCurrent: isUnreadOnly,
          },
        ].map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={tab.isCurrent ? 'page' : undefined}
            className="rounded-full border border-border px-3 py-1 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
          >
            {tab.label}
          </Link>
        ))}
        <Link
          href="/settings/notifications"
          className="ml-auto self-center text-sm text-primary underline"
        >
          Preferences
        </Link>
      </nav>
      {list.totalDocs === 0 ? (
        <EmptyState
          id="empty-heading"
          title={isUnreadOnly ? 'Nothing unread' : 'No notifications yet'}
        >
          {isUnreadOnly
            ? 'You have read everything. New notifications appear here and in the bell.'
            : 'Key changes, rate limits, webhook problems and invitations will show up here.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-card">
          {list.docs.map((notification) => {
            const isUnread = !notification.readAt
            return (
              <li key={notification.id} className="flex flex-wrap items-start gap-3 p-4">
                <span
                  aria-hidden="true"
                  className={cn(
                    'mt-2 h-2 w-2 shrink-0 rounded-full',
                    isUnread ? 'bg-primary' : 'bg-transparent',
                  )}
                />
                <div className="min-w-0 flex-1 space-y-1">
                  <h2 className={cn('text-sm break-words', isUnread && 'font-semibold')}>
                    {notification.link ? (
                      <Link href={notification.link} className="hover:underline">
                        {notification.title}
                      </Link>
                    ) : (
                      notification.title
                    )}
                    {isUnread && <span className="sr-only"> (unread)</span>}
                  </h2>
                  <p className="text-sm break-words text-muted-foreground">{notification.body}</p>
                  <p className="text-xs text-muted-foreground">
                    <RelativeTime date={notification.createdAt} now={now} />
                  </p>
                </div>
                {isUnread && (
                  <ActionForm
                    action={markReadAction}
                    submitLabel="Mark read"
                    submitVariant="ghost"
                    className="flex"
                    aria-label={`Mark “${notification.title}” read`}
                  >
                    <Hidden name="id" value={String(notification.id)} />
                  </ActionForm>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <Pagination
        page={list.page ?? page}
        totalPages={list.totalPages}
        hrefFor={(target) => pageHref('/notifications', { filter, page: target })}
      />
    </div>
  )
}
