import { z } from 'zod'

export const mailMessageSchema = z.object({
  to: z.union([z.email(), z.array(z.email()).min(1)]),
  from: z.string().min(3).optional(),
  subject: z.string().min(1).max(500),
  html: z.string().min(1),
  text: z.string().optional(),
  /** Extra headers (List-Unsubscribe …); names of letters, digits and dashes. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2000)).optional(),
})

export type MailMessage = z.infer<typeof mailMessageSchema>
