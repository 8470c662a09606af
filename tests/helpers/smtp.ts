import fs from 'node:fs/promises'
import path from 'node:path'

import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type CaughtMail = {
  to: string[]
  subject: string
  html: string
  text: string
  link?: string
  /** The List-Unsubscribe header, when the mail has one. */
  listUnsubscribe?: string
}

/**
 * A real SMTP server for tests: every message it accepts is parsed and written as JSON into `dir`,
 * so a test in another process can wait for it.
 */
export async function startSmtpServer(dir: string, port = 0) {
  await fs.mkdir(dir, { recursive: true })
  let failNext = 0
  const flakySeen = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      // Recipients named flaky-… are refused once, so tests can watch a retry happen.
      const flaky = session.envelope.rcptTo
        .map((r) => r.address)
        .find((a) => a.startsWith('flaky-') && !flakySeen.has(a))
      if (flaky) flakySeen.add(flaky)
      if (failNext > 0 || flaky) {
        if (!flaky) failNext--
        stream.resume()
        stream.on('end', () =>
          callback(Object.assign(new Error('try again later'), { responseCode: 451 })),
        )
        return
      }
      simpleParser(stream)
        .then(async (parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap(
            (a) => a.value.map((v) => String(v.address).toLowerCase()),
          )
          const html = typeof parsed.html === 'string' ? parsed.html : ''
          const mail: CaughtMail = {
            to,
            subject: parsed.subject ?? '',
            html,
            text: parsed.text ?? '',
            link: /href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&'),
            // mailparser folds List-* headers into one object; the raw lines say what was sent.
            listUnsubscribe:
              parsed.headerLines
                .filter((header) => header.key.startsWith('list-unsubscribe'))
                .map((header) => header.line)
                .join('\n') || undefined,
          }
          const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}.json`)
          // Write then rename, so a reader never sees a half-written file.
          await fs.writeFile(`${file}.tmp`, JSON.stringify(mail))
          await fs.rename(`${file}.tmp`, file)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    /** The next `count` messages are refused with a temporary error (451). */
    failNext: (count: number) => {
      failNext = count
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Waits for a mail to `address` (optionally matching `subject`) to arrive in `dir`. */
export async function waitForMail(
  dir: string,
  address: string,
  subject?: RegExp,
  timeoutMs = 20_000,
): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const files = (await fs.readdir(dir).catch(() => [] as string[]))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .reverse()
    for (const file of files) {
      const mail = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as CaughtMail
      if (mail.to.includes(address.toLowerCase()) && (!subject || subject.test(mail.subject)))
        return mail
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(
    `no mail to ${address}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`,
  )
}
