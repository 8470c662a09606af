import 'server-only'

import { securityLogWhere } from '@/lib/auth/securityLog'
import type { AuditLog, User } from '@/payload-types'

import { payloadClient } from './session'

export const SECURITY_LOG_PAGE_SIZE = 25

/** A page of the person's security log, newest first (read with their own access rights). */
export async function securityLogPage(user: User, page: number, limit = SECURITY_LOG_PAGE_SIZE) {
  const payload = await payloadClient()
  return payload.find({
    collection: 'audit-logs',
    where: securityLogWhere(user.id),
    sort: '-createdAt',
    page: Math.max(1, Math.min(page, 10_000)),
    limit,
    depth: 0,
    overrideAccess: false,
    user: { ...user, collection: 'users' },
  })
}

/** Quotes a CSV cell; a leading = + - @ is defused so a spreadsheet never runs it. */
const cell = (value: unknown) => {
  let text = value == null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export const SECURITY_LOG_EXPORT_MAX = 10_000

/** The whole log (up to 10,000 entries) as CSV. */
export async function securityLogCsv(user: User): Promise<string> {
  const rows: AuditLog[] = []
  for (let page = 1; rows.length < SECURITY_LOG_EXPORT_MAX; page++) {
    const result = await securityLogPage(user, page, 500)
    rows.push(...result.docs)
    if (!result.hasNextPage) break
  }
  const header = ['time', 'action', 'summary', 'ip', 'user_agent'].join(',')
  const lines = rows.map((row) =>
    [row.createdAt, row.action, row.summary, row.ip, row.userAgent].map(cell).join(','),
  )
  return `${[header, ...lines].join('\r\n')}\r\n`
}
