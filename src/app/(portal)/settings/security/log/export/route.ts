import { currentUser } from '@/data/session'
import { securityLogCsv } from '@/data/securityLog'
import type { KeyUser } from '@/lib/keys/collectionScopes'

/** GET /settings/security/log/export: the signed-in person's security log as CSV. */
export async function GET() {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) {
    return new Response('Log in to export your security log.', { status: 401 })
  }
  const day = new Date().toISOString().slice(0, 10)
  return new Response(await securityLogCsv(user), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tunetrail-security-log-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
