import Link from 'next/link'
import type { ServerProps } from 'payload'

import { RESOURCE_LABELS } from '@/lib/usage/labels'
import '@/components/AdminUi/admin.css'
import { adminDashboard, NEAR_LIMIT_SHARE } from '@/data/adminDashboard'
import { requestNow } from '@/data/now'
import { formatDateTime, relativeTime } from '@/lib/time'
import type { User } from '@/payload-types'
import { hasRole } from '@/access/roles'

const count = (value: number) => value.toLocaleString('en')
const percent = (share: number) => `${Math.round(share * 100)}%`

function Stat({ label, value, href }: { label: string; value: number; href?: string }) {
  return (
    <li className="tt-dashboard__stat">
      <span className="tt-dashboard__value">{count(value)}</span>
      {href ? <Link href={href}>{label}</Link> : <span>{label}</span>}
    </li>
  )
}

/**
 * Above the collection cards, for staff: what they act on today, read with their own access.
 * Lists appear only when they have rows.
 */
export async function AdminDashboard({ payload, user }: ServerProps) {
  const viewer = user as unknown as User | null
  // Site-wide figures are for staff; a moderator's own access would make them misleading.
  if (!viewer || !hasRole(viewer, 'staff')) return null
  const admin = payload.config.routes.admin
  const now = requestNow()
  const data = await adminDashboard(payload, viewer, now)
  const { failingEndpoints, keysNearLimit } = data
  return (
    <section className="tt-dashboard" aria-labelledby="tt-dashboard-title">
      <h2 id="tt-dashboard-title">Today</h2>
      <ul className="tt-dashboard__stats">
        <Stat
          label="Sign-ups today (UTC)"
          value={data.signupsToday}
          href={`${admin}/collections/users?sort=-createdAt`}
        />
        <Stat
          label="Draft incidents from the status checks"
          value={data.draftIncidents}
          href={`${admin}/collections/status-incidents?where[publication][equals]=draft&where[source][equals]=checks&where[resolvedAt][exists]=false`}
        />
        <Stat
          label="Failing webhook endpoints"
          value={failingEndpoints.total}
          href={`${admin}/collections/webhook-endpoints?where[failingSince][exists]=true&where[enabled][equals]=true`}
        />
        <Stat
          label={`Recently used keys at ${percent(NEAR_LIMIT_SHARE)}+ of a limit`}
          value={keysNearLimit.length}
        />
      </ul>

      {failingEndpoints.rows.length > 0 ? (
        <section aria-labelledby="tt-failing-title">
          <h3 id="tt-failing-title">Failing webhook endpoints</h3>
          <table className="tt-table">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Failing since</th>
              </tr>
            </thead>
            <tbody>
              {failingEndpoints.rows.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row">
                    <Link
                      className="tt-mono"
                      href={`${admin}/collections/webhook-endpoints/${endpoint.id}`}
                    >
                      {endpoint.url}
                    </Link>
                  </th>
                  <td>
                    <time dateTime={endpoint.failingSince}>
                      {formatDateTime(endpoint.failingSince)}
                    </time>{' '}
                    <span className="tt-muted">({relativeTime(endpoint.failingSince, now)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {failingEndpoints.total > failingEndpoints.rows.length ? (
            <p className="tt-muted">
              The {failingEndpoints.rows.length} failing longest of {count(failingEndpoints.total)}.
            </p>
          ) : null}
        </section>
      ) : null}

      {keysNearLimit.length > 0 ? (
        <section aria-labelledby="tt-limits-title">
          <h3 id="tt-limits-title">Keys near their limit</h3>
          <table className="tt-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Limit</th>
                <th scope="col">Used</th>
              </tr>
            </thead>
            <tbody>
              {keysNearLimit.map((key) => (
                <tr key={key.id}>
                  <th scope="row">
                    <Link href={`${admin}/collections/api-keys/${key.id}`}>{key.name}</Link>{' '}
                    {key.display ? <code>{key.display}</code> : null}
                  </th>
                  <td>
                    {RESOURCE_LABELS[key.resource]} per {key.window}
                    {key.isKeyLimit ? ' (this key)' : ' (account)'}
                  </td>
                  <td>
                    {count(key.used)} of {count(key.limit)} ({percent(key.share)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  )
}
