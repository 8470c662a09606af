import { z } from 'zod'

export const mailMessageSchema = z.object({
  to: z.union([z.email(), z.array(z.email()).min(1)]),
  from: z.string().min(3).optional(),
  subject: z.string().min(1).max(500),
  html: z.string().min(1),
  text: z.string().optional(),
})

export type MailMessage = z.infer<typeof mailMessageSchema>
