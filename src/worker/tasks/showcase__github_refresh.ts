import type { Task } from 'graphile-worker'

import { enqueueOn } from '@/lib/queue'
import { staleGithubProjects } from '@/lib/showcase/github'

/** Daily: queues the GitHub fetch of every project whose facts are a day old. */
export const showcase__github_refresh: Task = async (_payload, helpers) => {
  await helpers.withPgClient(async (client) => {
    const ids = await staleGithubProjects(client)
    // preserve_run_at: a project waiting for the rate limit's reset keeps its time.
    await enqueueOn(
      client,
      'showcase__github',
      ids.map((projectId) => ({ projectId })),
      {
        jobKeyMode: 'preserve_run_at',
      },
    )
    if (ids.length) helpers.logger.info(`${ids.length} showcase projects queued for GitHub`)
  })
}
