import type { EmailAdapter } from 'payload'

import { mailMessageSchema } from '@/schemas/mail'

import { mailFrom } from './defaults'
import { enqueue } from './queue'

const addressOf = (value: unknown): string | string[] => {
  if (Array.isArray(value)) return value.map((v) => addressOf(v) as string)
  if (typeof value === 'object' && value !== null && 'address' in value)
    return String(value.address)
  return String(value)
}

/**
 * Payload's mail goes through the queue: a request only enqueues `mail__send`;
 * the worker delivers it through nodemailer with retries.
 */
export const queuedEmailAdapter: EmailAdapter = () => ({
  name: 'graphile-worker-queue',
  defaultFromAddress: /<([^>]+)>/.exec(mailFrom())?.[1] ?? mailFrom(),
  defaultFromName: mailFrom().replace(/\s*<[^>]+>\s*$/, ''),
  sendEmail: async (message) => {
    const mail = mailMessageSchema.parse({
      to: addressOf(message.to),
      subject: message.subject,
      html: message.html,
      text: typeof message.text === 'string' ? message.text : undefined,
    })
    const job = await enqueue('mail__send', mail)
    return { queued: true, jobId: job.id }
  },
})
