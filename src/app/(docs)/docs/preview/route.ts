import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { errorJson } from '@/lib/api/errors'
import { currentUser } from '@/data/session'

/**
 * GET /docs/preview?path=/docs/<section>/<slug> — the admin's live preview: staff get draft
 * mode (the page renders their latest draft, uncached) and land on the page.
 * GET /docs/preview?exit=1 leaves draft mode.
 */
export async function GET(request: Request) {
  const url = new URL(request.url)
  const mode = await draftMode()
  if (url.searchParams.has('exit')) {
    mode.disable()
    redirect('/docs')
  }
  const path = url.searchParams.get('path')
  if (!path || !/^\/docs\/[a-z-]+\/[a-z0-9-]+$/.test(path)) {
    return errorJson(400, 'path: a docs page path such as /docs/getting-started/quickstart.', {
      field: 'path',
    })
  }
  const user = await currentUser()
  if (!hasRole(user, 'staff')) return errorJson(403, 'Only staff can preview drafts.')
  mode.enable()
  redirect(path)
}
