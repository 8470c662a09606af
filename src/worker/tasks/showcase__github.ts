import type { Task } from 'graphile-worker'

import { enqueueOn } from '@/lib/queue'
import { refreshProjectGithub } from '@/lib/showcase/github'
import { catalog } from '@/lib/tasks'

/** Fetches one showcase project's GitHub facts; a spent rate limit waits for its reset. */
export const showcase__github: Task = async (raw, helpers) => {
  const { projectId } = catalog.showcase__github.schema.parse(raw)
  await helpers.withPgClient(async (client) => {
    const { outcome, resetAt } = await refreshProjectGithub(client, projectId)
    if (outcome === 'limited' && resetAt) {
      helpers.logger.warn(
        `GitHub rate limit spent; project ${projectId} waits until ${resetAt.toISOString()}`,
      )
      await enqueueOn(client, 'showcase__github', [{ projectId }], { runAt: resetAt })
    }
  })
}
