'use client'

import { useEffect, useState } from 'react'

import { isOutage, OutageBanner } from './OutageBanner'

/**
 * The outage banner on static pages (the docs): the state comes from the status page's cached
 * JSON in the browser, so the page itself stays the same for everyone.
 */
export function LiveOutageBanner() {
  const [description, setDescription] = useState<string | null>(null)
  useEffect(() => {
    void fetch('/status/api/v2/status.json')
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (
          body: {
            status?: { indicator: 'none' | 'minor' | 'major' | 'critical'; description: string }
          } | null,
        ) => {
          if (body?.status && isOutage(body.status)) setDescription(body.status.description)
        },
      )
      .catch(() => undefined)
  }, [])
  return description ? <OutageBanner description={description} /> : null
}
