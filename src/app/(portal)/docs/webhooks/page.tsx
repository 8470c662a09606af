import type { Metadata } from 'next'
import Link from 'next/link'

import { DataTable } from '@/components/DataTable'
import { egressIps, eventCatalog } from '@/data/webhooks'
import { env } from '@/lib/env'
import { RETRY_SCHEDULE_SECONDS } from '@/lib/webhooks/retry'
import {
  BODY_EXAMPLE,
  HEADERS_EXAMPLE,
  NODE_EXAMPLE,
  PYTHON_EXAMPLE,
  STANDARDWEBHOOKS_EXAMPLE,
} from './examples'
import { Code, CodeBlock, RETRY_COLUMNS, Section, SECTIONS } from './_components/parts'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Verifying webhooks',
  description:
    'How to check that a TuneTrail webhook delivery is genuine: headers, signature algorithm, examples in Node.js and Python, retries and event types.',
}

export default function WebhookDocsPage() {
  const ips = egressIps()
  const timeoutSeconds = env().WEBHOOK_TIMEOUT_MS / 1000
  const events = eventCatalog()

  return (
    <article className="mx-auto max-w-3xl space-y-10 text-sm leading-relaxed sm:text-base">
      <header className="space-y-3">
        <h1 className="text-3xl font-semibold">Verifying webhooks</h1>
        <p>
          TuneTrail sends each event as an HTTP <Code>POST</Code> with a JSON body to the endpoints
          you add under{' '}
          <Link href="/settings/webhooks" className="text-primary underline">
            Settings → Webhooks
          </Link>
          . Deliveries follow{' '}
          <a href="https://www.standardwebhooks.com" className="text-primary underline">
            Standard Webhooks
          </a>{' '}
          v1: every one is signed with your endpoint’s secret (<Code>whsec_…</Code>). Check the
          signature before you trust a delivery, or anyone who finds your URL can send you fake
          events.
        </p>
      </header>

      <nav aria-labelledby="toc-heading" className="rounded-lg border border-border p-4">
        <h2 id="toc-heading" className="mb-2 font-semibold">
          On this page
        </h2>
        <ol className="list-decimal space-y-1 pl-5">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="text-primary underline">
                {section.label}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="delivery" title="What a delivery looks like">
        <p>Three headers carry what you need to verify it:</p>
        <dl className="space-y-2">
          <div>
            <dt>
              <Code>webhook-id</Code>
            </dt>
            <dd className="pl-4">
              The delivery’s unique id (<Code>msg_…</Code>). It stays the same on every retry and
              redelivery of that delivery.
            </dd>
          </div>
          <div>
            <dt>
              <Code>webhook-timestamp</Code>
            </dt>
            <dd className="pl-4">
              When this attempt was signed, in whole seconds since 1970 (UTC).
            </dd>
          </div>
          <div>
            <dt>
              <Code>webhook-signature</Code>
            </dt>
            <dd className="pl-4">
              One or more space-separated signatures, each <Code>v1,</Code> followed by a base64
              HMAC-SHA256. Two are sent for 24 hours after you rotate the secret.
            </dd>
          </div>
        </dl>
        <p>Any custom headers you configured on the endpoint are sent as well. For example:</p>
        <CodeBlock label="Example delivery headers">{HEADERS_EXAMPLE}</CodeBlock>
        <p>
          The body is always <Code>{'{ event, timestamp, data, webhook_id, delivery_id }'}</Code>:
        </p>
        <CodeBlock label="Example delivery body">{BODY_EXAMPLE}</CodeBlock>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <Code>event</Code>: the event type, one of the{' '}
            <a href="#events" className="text-primary underline">
              types below
            </a>
            .
          </li>
          <li>
            <Code>timestamp</Code>: when the event happened (ISO 8601, UTC).
          </li>
          <li>
            <Code>data</Code>: the event’s details; its shape depends on the type.
          </li>
          <li>
            <Code>webhook_id</Code>: the id of your endpoint that this delivery is for.
          </li>
          <li>
            <Code>delivery_id</Code>: the same value as the <Code>webhook-id</Code> header.
          </li>
        </ul>
      </Section>

      <Section id="algorithm" title="The signature, step by step">
        <ol className="list-decimal space-y-2 pl-5">
          <li>
            Read the body as raw bytes, exactly as received. Parsing and re-serialising the JSON
            changes it and the signature no longer matches.
          </li>
          <li>
            Reject the delivery if <Code>webhook-timestamp</Code> is more than 5 minutes old (or
            more than 5 minutes in the future). This stops replays of captured requests.
          </li>
          <li>
            Build the signed content: <Code>{'${webhook-id}.${webhook-timestamp}.${body}'}</Code>{' '}
            (the three joined by full stops).
          </li>
          <li>
            Take the key: your secret without its <Code>whsec_</Code> prefix, base64-decoded to
            bytes.
          </li>
          <li>
            Compute HMAC-SHA256 of the signed content with that key and base64-encode the result.
          </li>
          <li>
            Split <Code>webhook-signature</Code> on spaces. Each entry is{' '}
            <Code>v1,&lt;signature&gt;</Code>; ignore other versions. Accept the delivery if any v1
            signature equals yours, compared in constant time (<Code>crypto.timingSafeEqual</Code>,{' '}
            <Code>hmac.compare_digest</Code>) so the comparison leaks nothing about the expected
            value.
          </li>
          <li>
            Otherwise answer <Code>400</Code> and ignore the body.
          </li>
        </ol>
      </Section>

      <Section id="node" title="Node.js (node:crypto)">
        <p>
          No dependencies: a complete receiver on Node’s own <Code>http</Code> server. The same{' '}
          <Code>verifyWebhook</Code> works in Express (with <Code>express.raw()</Code>), Fastify or
          Next.js route handlers (<Code>await request.text()</Code>), as long as it gets the raw
          body.
        </p>
        <CodeBlock label="Node.js example using node:crypto">{NODE_EXAMPLE}</CodeBlock>
      </Section>

      <Section id="standardwebhooks" title="Node.js (standardwebhooks)">
        <p>
          The <Code>standardwebhooks</Code> package on npm implements the same checks (
          <Code>npm install standardwebhooks</Code>); libraries for other languages are listed on{' '}
          <a
            href="https://github.com/standard-webhooks/standard-webhooks"
            className="text-primary underline"
          >
            the Standard Webhooks repository
          </a>
          .
        </p>
        <CodeBlock label="Node.js example using standardwebhooks">
          {STANDARDWEBHOOKS_EXAMPLE}
        </CodeBlock>
      </Section>

      <Section id="python" title="Python">
        <p>
          Only the standard library (<Code>hmac</Code>, <Code>hashlib</Code>, <Code>base64</Code>)
          is needed to verify; Flask is shown for the receiving side. Python 3.9 or later.
        </p>
        <CodeBlock label="Python example">{PYTHON_EXAMPLE}</CodeBlock>
      </Section>

      <Section id="duplicates" title="Deduplicate on webhook-id">
        <p>
          Delivery is at least once: after a timeout, a network error or a redelivery from the
          settings page, you can receive the same delivery again. It then carries the same{' '}
          <Code>webhook-id</Code>. Store the ids you have processed (a unique column in your
          database, or a Redis key that expires after a few days) and answer <Code>2xx</Code>{' '}
          without processing again when an id is already known. Do this after verifying the
          signature, so forged requests cannot fill your store.
        </p>
        <p>
          Deliveries can also arrive out of order. Use the body’s <Code>timestamp</Code> when the
          order of events matters.
        </p>
      </Section>

      <Section id="retries" title="Responses and retries">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Answer with any <Code>2xx</Code> status within {timeoutSeconds} seconds. Do slow work
            after answering (put the event on a queue).
          </li>
          <li>
            Anything else (another status, a timeout, a connection error) is retried on the schedule
            below, with ±20% jitter. A longer <Code>Retry-After</Code> header in your answer is
            honoured.
          </li>
          <li>
            <Code>410 Gone</Code> disables the endpoint at once: answer it only when you want no
            more deliveries.
          </li>
          <li>
            An endpoint whose deliveries keep failing for 5 days is disabled and its owner is told
            by email. Re-enable it on its settings page, where you can also redeliver one delivery
            or replay every failed one since a date.
          </li>
        </ul>
        <DataTable
          caption="Retry schedule"
          columns={RETRY_COLUMNS}
          rows={RETRY_SCHEDULE_SECONDS.map((seconds, index) => ({ seconds, attempt: index + 1 }))}
          rowKey={(row) => row.attempt}
        />
        <p>After attempt {RETRY_SCHEDULE_SECONDS.length} the delivery has failed for good.</p>
      </Section>

      <Section id="rotation" title="Secret rotation">
        <p>
          When you rotate an endpoint’s secret, the new one is shown once and, for 24 hours, every
          delivery carries two signatures: one made with the new secret and one with the old. Deploy
          the new secret to your receiver within that time; code that checks each <Code>v1,</Code>{' '}
          entry, as above, keeps verifying throughout.
        </p>
      </Section>

      <Section id="addresses" title="Addresses to allowlist">
        {ips.length > 0 ? (
          <>
            <p>Deliveries come from these addresses:</p>
            <ul className="flex flex-wrap gap-2" aria-label="Outgoing addresses">
              {ips.map((ip) => (
                <li key={ip}>
                  <Code>{ip}</Code>
                </li>
              ))}
            </ul>
            <p>An allowlist adds to the signature check; it does not replace it.</p>
          </>
        ) : (
          <p>
            This portal has no fixed outgoing addresses configured, so deliveries may come from any
            address. Rely on the signature rather than an IP allowlist.
          </p>
        )}
      </Section>

      <Section id="events" title="Event types">
        <p>
          Each endpoint receives the types it subscribes to (all of them when it subscribes to
          none). New fields may be added to <Code>data</Code>; ignore the ones you do not know.
        </p>
        <ul className="space-y-6">
          {events.map((event) => (
            <li key={event.type} className="space-y-2">
              <h3 className="font-mono font-semibold break-words">{event.type}</h3>
              <p>{event.description}</p>
              <CodeBlock label={`Example delivery of ${event.type}`}>{event.example}</CodeBlock>
              <details>
                <summary className="w-fit cursor-pointer text-primary underline">
                  JSON Schema of <Code>data</Code>
                </summary>
                <div className="mt-2">
                  <CodeBlock label={`JSON Schema of ${event.type} data`}>{event.schema}</CodeBlock>
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Section>
    </article>
  )
}
