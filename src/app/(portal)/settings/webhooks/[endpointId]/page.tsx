import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import {
  deliveryAttempts,
  endpointHealth,
  eventCatalog,
  getEndpoint,
  lastAttemptAt,
  listDeliveries,
} from '@/data/webhooks'
import { formatDateTime, relativeTime } from '@/lib/time'
import { EVENT_TYPES, isEventType, WEBHOOK_EVENT_TYPES } from '@/lib/events/registry'
import type { Organization, User, WebhookDelivery } from '@/payload-types'
import { deliveryListQuerySchema, DELIVERY_STATUSES, headerLines } from '@/schemas/webhooks'

import {
  DeliveryStatusBadge,
  EndpointStateBadge,
  endpointState,
  successRateText,
} from '../_components/Badges'
import { EndpointForm } from '../_components/EndpointForm'
import { ReplayForm } from '../_components/ReplayForm'
import { SecretControls } from '../_components/SecretControls'
import {
  deleteEndpointAction,
  enableEndpointAction,
  redeliverAction,
  replayAction,
  secretAction,
  sendTestEventAction,
  updateEndpointAction,
} from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhook endpoint' }

type Props = {
  params: Promise<{ endpointId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const STATUS_LABELS: Record<(typeof DELIVERY_STATUSES)[number], string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
}

const EVENT_TYPE_OPTIONS = WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: type }))

const formatDuration = (ms: number | null | undefined) =>
  typeof ms === 'number' ? `${ms.toLocaleString('en')} ms` : null

function Empty({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </>
  )
}

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const query = deliveryListQuerySchema.parse(await searchParams)
  const now = requestNow()
  const [health, deliveries] = await Promise.all([
    endpointHealth(user, endpoint.id, now),
    listDeliveries(user, endpoint.id, { status: query.status, page: query.page }),
  ])
  const state = endpointState(endpoint)
  const isDisabled = state === 'disabled'
  const organization =
    typeof endpoint.organization === 'object'
      ? (endpoint.organization as Organization | null)
      : null
  const owner = typeof endpoint.owner === 'object' ? (endpoint.owner as User | null) : null
  const events = endpoint.events ?? []
  const customHeaders = headerLines(endpoint.headers)
  const customHeaderNames = customHeaders
    ? customHeaders.split('\n').map((line) => line.split(':')[0])
    : []
  const isPreviousSecretActive =
    endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > now
  const base = `/settings/webhooks/${endpoint.id}`

  const pageHref = (page: number) => {
    const search = new URLSearchParams()
    if (query.status) search.set('status', query.status)
    if (page > 1) search.set('page', String(page))
    const text = search.toString()
    return `${base}${text ? `?${text}` : ''}#deliveries-heading`
  }

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/settings/webhooks" className="text-primary underline">
          Webhooks
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold break-all">{endpoint.url}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <EndpointStateBadge state={state} />
          {endpoint.description && (
            <span className="text-sm break-words text-muted-foreground">
              {endpoint.description}
            </span>
          )}
        </div>
      </header>

      {isDisabled && (
        <Card aria-labelledby="disabled-heading" className="border-danger">
          <h2 id="disabled-heading" className="mb-1 text-lg font-semibold">
            Deliveries are off
          </h2>
          <p className="mb-4 text-sm">
            {endpoint.disabledReason ?? 'This endpoint was disabled.'}
            {endpoint.disabledAt && ` Disabled on ${formatDateTime(endpoint.disabledAt)}.`} New
            events are not delivered and pending deliveries fail. Fix the receiver, then re-enable
            it; replay failed deliveries below if you need them.
          </p>
          <ActionForm
            action={enableEndpointAction}
            submitLabel="Re-enable endpoint"
            pendingLabel="Re-enabling…"
            aria-label="Re-enable endpoint"
          >
            <Hidden name="id" value={String(endpoint.id)} />
          </ActionForm>
        </Card>
      )}
      {state === 'failing' && endpoint.failingSince && (
        <Alert tone="error">
          Deliveries have been failing since {formatDateTime(endpoint.failingSince)}. After 5 days
          of failures the endpoint is disabled.
        </Alert>
      )}

      <Card aria-labelledby="details-heading">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[11rem_1fr]">
          <dt className="text-muted-foreground">URL</dt>
          <dd>
            <code className="font-mono break-all">{endpoint.url}</code>
          </dd>
          <dt className="text-muted-foreground">Description</dt>
          <dd className="break-words whitespace-pre-line">{endpoint.description || '—'}</dd>
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <EndpointStateBadge state={state} />
          </dd>
          <dt className="text-muted-foreground">Events</dt>
          <dd>
            {events.length === 0 ? (
              'All events, including types added later'
            ) : (
              <ul className="flex flex-wrap gap-1.5" aria-label="Subscribed events">
                {events.map((type) => (
                  <li key={type}>
                    <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{type}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-muted-foreground">Owner</dt>
          <dd>
            {organization ? (
              <>
                {organization.name} <span className="text-muted-foreground">(organization)</span>
              </>
            ) : (
              <>
                {owner?.name ?? 'Personal'}{' '}
                <span className="text-muted-foreground">(personal)</span>
              </>
            )}
          </dd>
          <dt className="text-muted-foreground">Maximum rate</dt>
          <dd>{endpoint.maxPerSecond ?? 20} deliveries per second</dd>
          <dt className="text-muted-foreground">Custom headers</dt>
          <dd>
            {customHeaderNames.length === 0 ? (
              'None'
            ) : (
              <ul className="space-y-0.5">
                {customHeaderNames.map((name) => (
                  <li key={name}>
                    <code className="font-mono break-all">{name}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-muted-foreground">Success rate ({health.days} days)</dt>
          <dd>
            {successRateText(health)}
            {health.pending > 0 && `, ${health.pending} pending`}
          </dd>
          <dt className="text-muted-foreground">Last delivery</dt>
          <dd>
            {health.lastDelivery ? (
              <>
                <time
                  dateTime={health.lastDelivery.at}
                  title={formatDateTime(health.lastDelivery.at)}
                >
                  {relativeTime(health.lastDelivery.at, now)}
                </time>{' '}
                <DeliveryStatusBadge status={health.lastDelivery.status} />
              </>
            ) : (
              'Never'
            )}
          </dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>
            <time dateTime={endpoint.createdAt}>{formatDateTime(endpoint.createdAt)}</time>
          </dd>
        </dl>
      </Card>

      <Card aria-labelledby="secret-heading">
        <h2 id="secret-heading" className="mb-1 text-lg font-semibold">
          Signing secret
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          Every delivery is signed with this secret;{' '}
          <Link href="/docs/webhooks" className="text-primary underline">
            verify the signature
          </Link>{' '}
          before trusting one.
          {isPreviousSecretActive &&
            endpoint.previousSecretExpiresAt &&
            ` The previous secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}.`}
        </p>
        <SecretControls action={secretAction} endpointId={endpoint.id} />
      </Card>

      <Card aria-labelledby="test-heading">
        <h2 id="test-heading" className="mb-1 text-lg font-semibold">
          Send test event
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          {isDisabled
            ? 'Re-enable the endpoint to send it a test event.'
            : 'Sends the example payload of a type to this endpoint only, signed like any delivery.'}
        </p>
        {!isDisabled && (
          <ActionForm
            action={sendTestEventAction}
            submitLabel="Send test event"
            pendingLabel="Sending…"
            className="space-y-4 sm:max-w-sm"
            aria-label="Send test event"
          >
            <Hidden name="id" value={String(endpoint.id)} />
            <Field
              name="type"
              label="Event type"
              defaultValue={events.find(isEventType) ?? 'track.created'}
              options={EVENT_TYPE_OPTIONS}
            />
          </ActionForm>
        )}
      </Card>

      <Card aria-labelledby="deliveries-heading">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <Link href={base} className="text-sm text-primary underline">
            Refresh
          </Link>
        </div>
        <form
          method="get"
          action={base}
          aria-label="Filter deliveries"
          className="mb-4 flex flex-wrap items-end gap-3"
        >
          <div className="w-full space-y-1.5 sm:w-44">
            <Label htmlFor="delivery-status">Status</Label>
            <Select id="delivery-status" name="status" defaultValue={query.status ?? ''}>
              <option value="">All statuses</option>
              {DELIVERY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="outline">
            Apply
          </Button>
        </form>

        {deliveries.totalDocs === 0 ? (
          <p className="text-sm text-muted-foreground">
            {query.status
              ? `No ${STATUS_LABELS[query.status].toLowerCase()} deliveries.`
              : 'No deliveries yet. Send a test event to see one here.'}
          </p>
        ) : (
          <>
            <p className="mb-2 text-sm text-muted-foreground">
              {deliveries.totalDocs === 1 ? '1 delivery' : `${deliveries.totalDocs} deliveries`},
              newest first
              {deliveries.totalPages > 1 &&
                ` · page ${deliveries.page} of ${deliveries.totalPages}`}
            </p>
            <div
              className="overflow-x-auto"
              tabIndex={0}
              role="region"
              aria-label="Delivery log, scrollable"
            >
              <table className="w-full min-w-[48rem] text-left text-sm">
                <caption className="sr-only">Deliveries to {endpoint.url}</caption>
                <thead>
                  <tr className="border-b border-border">
                    <th scope="col" className="py-2 pr-3">
                      Event
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Status
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Attempts
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Response
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Duration
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Next retry
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Time
                    </th>
                    <th scope="col" className="py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.docs.map((delivery) => (
                    <DeliveryRows
                      key={delivery.id}
                      delivery={delivery}
                      endpointId={endpoint.id}
                      now={now}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            {deliveries.totalPages > 1 && (
              <nav
                aria-label="Delivery log pages"
                className="flex items-center justify-between gap-3 pt-4"
              >
                {deliveries.hasPrevPage && deliveries.prevPage ? (
                  <Link
                    href={pageHref(deliveries.prevPage)}
                    rel="prev"
                    className="text-primary underline"
                  >
                    Newer
                  </Link>
                ) : (
                  <span />
                )}
                <span className="text-sm text-muted-foreground">
                  Page {deliveries.page} of {deliveries.totalPages}
                </span>
                {deliveries.hasNextPage && deliveries.nextPage ? (
                  <Link
                    href={pageHref(deliveries.nextPage)}
                    rel="next"
                    className="text-primary underline"
                  >
                    Older
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            )}
          </>
        )}
      </Card>

      <Card aria-labelledby="replay-heading">
        <h2 id="replay-heading" className="mb-1 text-lg font-semibold">
          Replay failed deliveries
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          After an outage of your receiver, send everything that failed since then again.
          {isDisabled && ' Re-enable the endpoint first, or the replayed deliveries fail at once.'}
        </p>
        <ReplayForm action={replayAction} endpointId={endpoint.id} />
      </Card>

      <Card aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
          Edit endpoint
        </h2>
        <EndpointForm
          action={updateEndpointAction}
          endpointId={endpoint.id}
          eventOptions={eventCatalog().map(({ type, description, example }) => ({
            type,
            description,
            example,
          }))}
          defaults={{
            url: endpoint.url,
            description: endpoint.description ?? '',
            events,
            headers: customHeaders,
            maxPerSecond: String(endpoint.maxPerSecond ?? 20),
          }}
          submitLabel="Save changes"
          pendingLabel="Saving…"
        />
      </Card>

      <Card aria-labelledby="delete-heading" className="border-danger">
        <h2 id="delete-heading" className="mb-1 text-lg font-semibold">
          Delete endpoint
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          Stops every delivery to this URL and removes the endpoint with its signing secret.
        </p>
        <ConfirmAction
          action={deleteEndpointAction}
          fields={{ id: String(endpoint.id) }}
          label="Delete endpoint"
          title="Delete this endpoint?"
          description={`Deliveries to ${endpoint.url} stop at once and its signing secret stops working. This cannot be undone.`}
          confirmLabel="Delete endpoint"
        />
      </Card>
    </div>
  )
}

/** A delivery's row and, under it, a disclosure with its attempts, headers and response. */
function DeliveryRows({
  delivery,
  endpointId,
  now,
}: {
  delivery: WebhookDelivery
  endpointId: number
  now: number
}) {
  const attempts = deliveryAttempts(delivery.attempts)
  const lastAt = lastAttemptAt(delivery)
  const description = isEventType(delivery.eventType)
    ? EVENT_TYPES[delivery.eventType].description
    : undefined
  const requestHeaders =
    delivery.requestHeaders && typeof delivery.requestHeaders === 'object'
      ? JSON.stringify(delivery.requestHeaders, null, 2)
      : null
  return (
    <>
      <tr className="align-top">
        <td className="pt-3 pr-3">
          <code className="font-mono text-xs font-medium" title={description}>
            {delivery.eventType}
          </code>
          <span className="block font-mono text-xs break-all text-muted-foreground">
            {delivery.deliveryId}
          </span>
        </td>
        <td className="pt-3 pr-3">
          <DeliveryStatusBadge status={delivery.status} />
        </td>
        <td className="pt-3 pr-3">{delivery.attemptCount ?? 0}</td>
        <td className="pt-3 pr-3">
          {typeof delivery.responseStatus === 'number' ? (
            delivery.responseStatus
          ) : delivery.error ? (
            <span className="break-words text-danger">{delivery.error}</span>
          ) : (
            <Empty label="No response yet" />
          )}
        </td>
        <td className="pt-3 pr-3 whitespace-nowrap">
          {formatDuration(delivery.durationMs) ?? <Empty label="None" />}
        </td>
        <td className="pt-3 pr-3">
          {delivery.status === 'pending' && delivery.nextAttemptAt ? (
            <time dateTime={delivery.nextAttemptAt} title={formatDateTime(delivery.nextAttemptAt)}>
              {relativeTime(delivery.nextAttemptAt, now)}
            </time>
          ) : (
            <Empty label="None" />
          )}
        </td>
        <td className="pt-3 pr-3">
          <time dateTime={delivery.createdAt} title={formatDateTime(delivery.createdAt)}>
            {relativeTime(delivery.createdAt, now)}
          </time>
        </td>
        <td className="pt-3">
          <ActionForm
            action={redeliverAction}
            submitLabel="Redeliver"
            pendingLabel="Queuing…"
            submitVariant="outline"
            className="flex flex-col items-start gap-1"
            aria-label={`Redeliver ${delivery.deliveryId}`}
          >
            <Hidden name="id" value={String(endpointId)} />
            <Hidden name="delivery" value={String(delivery.id)} />
          </ActionForm>
        </td>
      </tr>
      <tr className="border-b border-border last:border-0">
        <td colSpan={8} className="pt-1 pb-3">
          <details className="text-sm">
            <summary className="w-fit cursor-pointer text-primary underline">
              Details<span className="sr-only"> of delivery {delivery.deliveryId}</span>
            </summary>
            <div className="mt-3 space-y-4 rounded-md border border-border bg-muted p-3">
              <p className="text-xs text-muted-foreground">
                Created {formatDateTime(delivery.createdAt)}; last attempt {formatDateTime(lastAt)}.
                The <code>webhook-id</code> header is <code>{delivery.deliveryId}</code> on every
                attempt.
              </p>
              <div>
                <h3 className="mb-1 font-semibold">Attempts</h3>
                {attempts.length === 0 ? (
                  <p className="text-muted-foreground">Not attempted yet.</p>
                ) : (
                  <table className="w-full text-left text-xs">
                    <caption className="sr-only">Attempts of {delivery.deliveryId}</caption>
                    <thead>
                      <tr className="border-b border-border">
                        <th scope="col" className="py-1 pr-3">
                          #
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          Time
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          Response
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          Duration
                        </th>
                        <th scope="col" className="py-1">
                          Error
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {attempts.map((attempt, index) => (
                        <tr key={`${attempt.at}-${index}`} className="align-top">
                          <td className="py-1 pr-3">{index + 1}</td>
                          <td className="py-1 pr-3">
                            <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>
                          </td>
                          <td className="py-1 pr-3">
                            {attempt.responseStatus ?? <Empty label="No response" />}
                          </td>
                          <td className="py-1 pr-3">
                            {formatDuration(attempt.durationMs) ?? <Empty label="None" />}
                          </td>
                          <td className="py-1 break-words">
                            {attempt.error ?? <Empty label="None" />}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
              <div>
                <h3 className="mb-1 font-semibold">Request headers</h3>
                {requestHeaders ? (
                  <pre
                    tabIndex={0}
                    role="region"
                    aria-label={`Request headers of ${delivery.deliveryId}`}
                    className="max-h-64 overflow-auto rounded-md border border-border bg-card p-2 font-mono text-xs whitespace-pre-wrap break-all"
                  >
                    <code>{requestHeaders}</code>
                  </pre>
                ) : (
                  <p className="text-muted-foreground">Not sent yet.</p>
                )}
                <p className="mt-1 text-xs text-muted-foreground">
                  The <code>webhook-signature</code> header is not stored.
                </p>
              </div>
              <div>
                <h3 className="mb-1 font-semibold">Response body</h3>
                {delivery.responseBody ? (
                  <pre
                    tabIndex={0}
                    role="region"
                    aria-label={`Response body of ${delivery.deliveryId}`}
                    className="max-h-64 overflow-auto rounded-md border border-border bg-card p-2 font-mono text-xs whitespace-pre-wrap break-all"
                  >
                    <code>{delivery.responseBody}</code>
                  </pre>
                ) : (
                  <p className="text-muted-foreground">Empty or none yet.</p>
                )}
                <p className="mt-1 text-xs text-muted-foreground">
                  The first 4 KB of the last response, shown as plain text.
                </p>
              </div>
            </div>
          </details>
        </td>
      </tr>
    </>
  )
}
