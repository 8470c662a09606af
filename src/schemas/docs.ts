import { z } from 'zod'

export const ASSISTANT_QUESTION_MAX = 500

/** POST /api/docs/assistant: one question about the docs. */
export const assistantRequestSchema = z.object({
  question: z
    .string({ error: 'Ask a question (a string).' })
    .trim()
    .min(3, 'Ask a question of at least 3 characters.')
    .max(ASSISTANT_QUESTION_MAX, `Ask in at most ${ASSISTANT_QUESTION_MAX} characters.`),
})
