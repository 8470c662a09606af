import { z } from 'zod'

import { mailMessageSchema } from '@/schemas/mail'

/**
 * Every task of the one queue: its payload schema and how it is enqueued.
 * Producers go through `enqueue` (src/lib/queue.ts), which validates against this table.
 */
export const catalog = {
  mail__send: {
    schema: mailMessageSchema,
    maxAttempts: 12,
  },
  invitation__prune: {
    schema: z.object({}).loose(),
    maxAttempts: 3,
  },
  usage__rollup: {
    schema: z.object({}).loose(),
    maxAttempts: 3,
  },
  usage__prune: {
    schema: z.object({}).loose(),
    maxAttempts: 3,
  },
} satisfies Record<string, { schema: z.ZodType; maxAttempts: number }>

export type TaskName = keyof typeof catalog
export type TaskPayload<T extends TaskName> = z.infer<(typeof catalog)[T]['schema']>
