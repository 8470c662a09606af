import fs from 'node:fs/promises'
import path from 'node:path'

import nodemailer, { type Transporter } from 'nodemailer'

import type { MailMessage } from '@/schemas/mail'

import { mailFrom } from './defaults'
import { env } from './env'
import { dataPath } from './paths'

export type MailTransport = {
  kind: 'smtp' | 'file'
  send: (message: MailMessage) => Promise<{ messageId: string; file?: string }>
  verify: () => Promise<void>
}

/** First link of an HTML body: what a developer needs from a mail written to disk. */
export const firstLink = (html: string) =>
  /href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')

function smtpTransport(url: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport(url)
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transporter.sendMail({ from: mailFrom(), ...message })
      return { messageId: String(info.messageId) }
    },
    async verify() {
      await transporter.verify()
    },
  }
}

/** Without SMTP_URL each mail becomes a .eml file under .data/mail. */
function fileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true })
  return {
    kind: 'file',
    async send(message) {
      const info = await transporter.sendMail({ from: mailFrom(), ...message })
      await fs.mkdir(dir, { recursive: true })
      const file = path.join(
        dir,
        `${Date.now()}-${String(info.messageId).replace(/[^\w.-]/g, '')}.eml`,
      )
      await fs.writeFile(file, info.message as Buffer)
      return { messageId: String(info.messageId), file }
    },
    async verify() {
      await fs.mkdir(dir, { recursive: true })
      await fs.access(dir, fs.constants.W_OK)
    },
  }
}

let transport: MailTransport | undefined

export function mailTransport(): MailTransport {
  const { SMTP_URL } = env()
  transport ??= SMTP_URL ? smtpTransport(SMTP_URL) : fileTransport(dataPath('mail'))
  return transport
}
