import { env } from '@/lib/env'
import { duration, egressIps, eventCatalog } from '@/lib/webhooks/catalog'
import { RETRY_SCHEDULE_SECONDS } from '@/lib/webhooks/retry'

/**
 * A live-data block (collections/DocsPages/blocks.ts) as Markdown and as plain text: the same
 * registries the page renders from (src/components/DocsBody/LiveData.tsx), for the page's `.md`
 * and for search.
 */
export function liveDataMarkdown(source: string): string {
  if (source === 'webhook-events') {
    return eventCatalog()
      .map(
        (event) =>
          `### \`${event.type}\`\n\n${event.description}\n\n\`\`\`json\n${event.example}\n\`\`\``,
      )
      .join('\n\n')
  }
  if (source === 'webhook-egress-ips') {
    const ips = egressIps()
    return ips.length === 0
      ? 'This portal has no fixed outgoing addresses configured, so deliveries may come from any address. Rely on the signature rather than an IP allowlist.'
      : `Deliveries come from these addresses:\n\n${ips.map((ip) => `- \`${ip}\``).join('\n')}\n\nAn allowlist adds to the signature check; it does not replace it.`
  }
  if (source === 'webhook-retries') {
    const rows = RETRY_SCHEDULE_SECONDS.map((seconds, index) =>
      index === 0
        ? '| 1 | Immediately |'
        : `| ${index + 1} | ${duration(seconds)} after attempt ${index} failed |`,
    )
    return [
      `- Answer with any \`2xx\` status within ${env().WEBHOOK_TIMEOUT_MS / 1000} seconds. Do slow work after answering (put the event on a queue).`,
      '- Anything else (another status, a timeout, a connection error) is retried on the schedule below, with ±20% jitter. A longer `Retry-After` header in your answer is honoured.',
      '',
      '| Attempt | When |',
      '| --- | --- |',
      ...rows,
      '',
      `After attempt ${RETRY_SCHEDULE_SECONDS.length} the delivery has failed for good.`,
    ].join('\n')
  }
  return ''
}

/** The words of a live-data block worth finding it by (no example payloads). */
export function liveDataText(source: string): string {
  if (source === 'webhook-events') {
    return eventCatalog()
      .map((event) => `${event.type}: ${event.description}`)
      .join('\n')
  }
  return liveDataMarkdown(source)
    .replace(/[`|*]/g, ' ')
    .replace(/^\s*-{3}.*$/gm, '')
}
