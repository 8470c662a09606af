import { currentUser, payloadClient } from '@/data/session'
import { openExport } from '@/lib/accountData/exports'
import { db } from '@/lib/db'
import type { KeyUser } from '@/lib/keys/collectionScopes'

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }

/**
 * The mailed link to an account's data export: only for the signed-in owner (a key is not a
 * person), with the link's token, before it expires. Signed out: to the login and back.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ exportId: string }> },
): Promise<Response> {
  const { exportId } = await params
  const url = new URL(request.url)
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) {
    const next = `${url.pathname}${url.search}`
    return new Response(null, {
      status: 303,
      headers: { ...NO_STORE, Location: `/login?next=${encodeURIComponent(next)}` },
    })
  }
  const token = url.searchParams.get('token') ?? ''
  const id = /^\d{1,10}$/.test(exportId) ? Number(exportId) : NaN
  const answer = await openExport(await db({ payload: await payloadClient() }), id, token, user.id)
  if (!answer.ok) {
    const message =
      answer.status === 410
        ? 'This download link has expired: ask for a new export under Settings → Account data.'
        : 'No export of yours matches this link.'
    return Response.json({ error: message }, { status: answer.status, headers: NO_STORE })
  }
  const day = new Date(answer.createdAt).toISOString().slice(0, 10)
  return new Response(JSON.stringify(answer.archive, null, 2), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="tunetrail-${answer.username}-${day}.json"`,
    },
  })
}
