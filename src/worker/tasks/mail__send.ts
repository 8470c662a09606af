import type { Task } from 'graphile-worker'

import { firstLink, mailTransport } from '@/lib/mail'
import { mailMessageSchema } from '@/schemas/mail'

/** Delivers one transactional mail; a thrown error makes graphile-worker retry with backoff. */
export const mail__send: Task = async (payload, helpers) => {
  const message = mailMessageSchema.parse(payload)
  const transport = mailTransport()
  const result = await transport.send(message)
  if (transport.kind === 'file') {
    helpers.logger.info(
      `mail written to ${result.file}: "${message.subject}" ${firstLink(message.html) ?? ''}`.trim(),
    )
  } else {
    helpers.logger.info(`mail sent: "${message.subject}" (${result.messageId})`)
  }
}
