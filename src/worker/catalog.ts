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
  webhook__fanout: {
    schema: z.object({ eventId: z.number().int(), endpointId: z.number().int().optional() }),
    maxAttempts: 10,
  },
  // Retries follow the webhook schedule through new jobs (run_at), not graphile's backoff.
  webhook__deliver: {
    schema: z.object({ deliveryId: z.number().int() }),
    maxAttempts: 3,
  },
  webhook__recover: {
    schema: z.object({}).loose(),
    maxAttempts: 1,
  },
} satisfies Record<string, { schema: z.ZodType; maxAttempts: number }>

export type TaskName = keyof typeof catalog
export type TaskPayload<T extends TaskName> = z.infer<(typeof catalog)[T]['schema']>
