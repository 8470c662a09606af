import { recentIncidents, recentMaintenances, statusSnapshot } from '@/data/status'
import { isV2Path, v2Document, V2_PATHS } from '@/lib/status/statuspage'

/**
 * GET /status/api/v2/summary.json, status.json, components.json, incidents.json,
 * incidents/unresolved.json, scheduled-maintenances.json and its upcoming/active lists — the
 * status page as Statuspage's v2 API shapes it. Cached like the page (each path on its first
 * request); any origin may read them (widgets on other sites).
 */
export const dynamic = 'force-static'
export const dynamicParams = true
export const revalidate = 60
export const generateStaticParams = async () => [] as { path: string[] }[]

type Context = { params: Promise<{ path: string[] }> }

const HEADERS = { 'Access-Control-Allow-Origin': '*' }

export async function GET(_request: Request, { params }: Context) {
  const path = (await params).path.join('/')
  if (!isV2Path(path)) {
    return Response.json(
      {
        errors: [
          {
            code: 'NOT_FOUND',
            message: `No such document. The API has ${V2_PATHS.map((p) => `/status/api/v2/${p}`).join(', ')}.`,
          },
        ],
      },
      { status: 404, headers: HEADERS },
    )
  }
  const needsRecent = path === 'incidents.json' || path === 'scheduled-maintenances.json'
  const [snapshot, incidents, maintenances] = await Promise.all([
    statusSnapshot(),
    needsRecent ? recentIncidents() : Promise.resolve([]),
    needsRecent ? recentMaintenances() : Promise.resolve([]),
  ])
  return Response.json(v2Document(path, snapshot, { incidents, maintenances }), {
    headers: HEADERS,
  })
}
