import Link from 'next/link'
import type { PaginatedDocs } from 'payload'
import type { ReactNode } from 'react'

import { DataTable, pagesOf, sortBy, type Column } from '@/components/DataTable'
import { FilterBar, optionsOf } from '@/components/FilterBar'
import { ActionForm, Hidden } from '@/components/Form/index.client'
import { pageHref } from '@/components/Pagination'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Panel } from '@/components/ui/card'
import { EVENT_TYPES, isEventType } from '@/lib/events/registry'
import type { FormState } from '@/lib/formState'
import type { WebhookDelivery } from '@/payload-types'
import { DELIVERY_STATUSES, type deliveryListQuerySchema } from '@/schemas/webhooks'
import type { z } from 'zod'

import { DeliveryStatusBadge } from '../../_components/Badges'
import { DeliveryDetails, Empty, formatDuration } from './DeliveryDetails'

const STATUS_LABELS: Record<(typeof DELIVERY_STATUSES)[number], string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
}

type Props = {
  endpoint: { id: number; url: string }
  deliveries: PaginatedDocs<WebhookDelivery>
  query: z.infer<typeof deliveryListQuerySchema>
  now: number
  redeliver: (state: FormState, formData: FormData) => Promise<FormState>
}

/** The endpoint's deliveries: filter by status, sort, page, and redeliver or inspect each. */
export function DeliveryLog({ endpoint, deliveries, query, now, redeliver }: Props) {
  const base = `/settings/webhooks/${endpoint.id}/deliveries`
  const listHref = (changes: { page?: number; sort?: string }) => {
    const sort = changes.sort ?? query.sort
    return `${pageHref(base, {
      status: query.status,
      sort: sort === '-createdAt' ? undefined : sort,
      page: changes.page,
    })}#deliveries-heading`
  }
  const columns = deliveryColumns(endpoint.id, now, redeliver)
  return (
    <Panel
      id="deliveries-heading"
      title="Delivery log"
      aside={
        <Link href={base} className="text-sm text-primary underline">
          Refresh
        </Link>
      }
    >
      <FilterBar
        action={base}
        label="Filter deliveries"
        className="mb-4"
        keep={{ sort: query.sort === '-createdAt' ? undefined : query.sort }}
        filters={[
          {
            name: 'status',
            label: 'Status',
            value: query.status,
            allLabel: 'All statuses',
            options: optionsOf(DELIVERY_STATUSES, (status) => STATUS_LABELS[status]),
          },
        ]}
      />
      <DataTable
        caption={`Deliveries to ${endpoint.url}`}
        columns={columns}
        rows={deliveries.docs}
        rowKey={(delivery) => delivery.id}
        details={(delivery) => <DeliveryDetails delivery={delivery} />}
        sort={sortBy(query.sort, (sort) => listHref({ sort }))}
        pages={pagesOf(deliveries, (page) => listHref({ page }), ['delivery', 'deliveries'])}
        empty={
          <p className="text-sm text-muted-foreground">
            {query.status
              ? `No ${STATUS_LABELS[query.status].toLowerCase()} deliveries.`
              : 'No deliveries yet. Send a test event to see one here.'}
          </p>
        }
      />
    </Panel>
  )
}

const timeOrNone = (value: string | null | undefined, now: number, none: string): ReactNode =>
  value ? <RelativeTime date={value} now={now} /> : <Empty label={none} />

function deliveryColumns(
  endpointId: number,
  now: number,
  redeliver: Props['redeliver'],
): Column<WebhookDelivery>[] {
  return [
    {
      key: 'event',
      header: 'Event',
      isRowHeader: true,
      cell: (delivery) => (
        <>
          <code
            className="font-mono text-xs font-medium"
            title={
              isEventType(delivery.eventType)
                ? EVENT_TYPES[delivery.eventType].description
                : undefined
            }
          >
            {delivery.eventType}
          </code>
          <span className="block font-mono text-xs break-all text-muted-foreground">
            {delivery.deliveryId}
          </span>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (delivery) => <DeliveryStatusBadge status={delivery.status} />,
    },
    { key: 'attempts', header: 'Attempts', cell: (delivery) => delivery.attemptCount ?? 0 },
    {
      key: 'response',
      header: 'Response',
      cell: (delivery) =>
        typeof delivery.responseStatus === 'number' ? (
          delivery.responseStatus
        ) : delivery.error ? (
          <span className="break-words text-danger">{delivery.error}</span>
        ) : (
          <Empty label="No response yet" />
        ),
    },
    {
      key: 'durationMs',
      header: 'Duration',
      isSortable: true,
      firstDirection: 'desc',
      className: 'whitespace-nowrap',
      cell: (delivery) => formatDuration(delivery.durationMs) ?? <Empty label="None" />,
    },
    {
      key: 'nextAttemptAt',
      header: 'Next retry',
      cell: (delivery) =>
        timeOrNone(delivery.status === 'pending' ? delivery.nextAttemptAt : null, now, 'None'),
    },
    {
      key: 'createdAt',
      header: 'Time',
      isSortable: true,
      firstDirection: 'desc',
      cell: (delivery) => <RelativeTime date={delivery.createdAt} now={now} />,
    },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (delivery) => (
        <ActionForm
          action={redeliver}
          submitLabel="Redeliver"
          pendingLabel="Queuing…"
          submitVariant="outline"
          className="flex flex-col items-start gap-1"
          aria-label={`Redeliver ${delivery.deliveryId}`}
        >
          <Hidden name="id" value={String(endpointId)} />
          <Hidden name="delivery" value={String(delivery.id)} />
        </ActionForm>
      ),
    },
  ]
}
