import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import {
  ANSWER_MAX_CHARACTERS,
  ANSWER_MAX_TOKENS,
  type AssistantEvent,
  type AssistantLlm,
} from '@/lib/docs/assistant'
import { ASSISTANT_LIMITS, handleAssistant } from '@/lib/docs/assistantHttp'
import { jsonLines } from '@/lib/docs/jsonLines'
import { answerParts, citationFilter } from '@/lib/docs/citations'
import { tableOfContents } from '@/lib/docs/toc'
import { parseEnv } from '@/lib/env'
import type { DocsPage } from '@/payload-types'
import { seedDocs } from '@/seed/docs'
import { markdownToLexical } from '@/seed/docs/lexical'

import { makeUser, testPayload, unique } from '../helpers/payload'

/**
 * A fake OpenAI-compatible server: records each request and answers with the scenario the
 * test sets (a stream of chunks, an error status, or silence).
 */
type Recorded = { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }
type Scenario = (response: http.ServerResponse) => unknown

function fakeModel() {
  const requests: Recorded[] = []
  let scenario: Scenario = (response) => response.writeHead(500).end()
  const open = new Set<http.ServerResponse>()
  const server = http.createServer(async (request, response) => {
    let raw = ''
    for await (const chunk of request) raw += chunk
    requests.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(raw) })
    open.add(response)
    response.on('close', () => open.delete(response))
    await scenario(response)
  })
  return {
    requests,
    answer(next: Scenario) {
      scenario = next
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
    },
    async close() {
      for (const response of open) response.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

const delta = (text: string) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text } }] })}\n\n`

/** Streams `chunks` as SSE; after the first, waits for `gate` (the test saw it arrive). */
const streaming =
  (chunks: string[], gate?: Promise<void>): Scenario =>
  async (response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream' })
    response.write(': keep-alive\n\n')
    for (const [index, chunk] of chunks.entries()) {
      response.write(delta(chunk))
      if (index === 0) await gate
    }
    response.end('data: [DONE]\n\n')
  }

let payload: Payload
const model = fakeModel()
let llm: AssistantLlm
let addressCount = 0

beforeAll(async () => {
  payload = await testPayload()
  await seedDocs(payload)
  llm = {
    baseUrl: await model.start(),
    apiKey: 'sk-test-secret-key',
    model: 'fake-1',
    timeoutMs: 1500,
  }
})
afterAll(async () => {
  await model.close()
})

/** A client address of its own per test, so the per-address limit is the test's alone. */
const newAddress = () => `10.77.${Math.floor(addressCount / 250)}.${(addressCount++ % 250) + 1}`

function ask(
  body: unknown,
  options: { llm?: AssistantLlm | null; headers?: Record<string, string>; raw?: string } = {},
) {
  const request = new Request('http://localhost:3000/api/docs/assistant', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tt-client-ip': newAddress(),
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  })
  return handleAssistant(request, {
    payload,
    llm: options.llm === undefined ? llm : options.llm,
  })
}

/** The answer's events as they arrive. */
const eventsOf = (response: Response) => jsonLines<AssistantEvent>(response)

async function allEvents(response: Response) {
  const events: AssistantEvent[] = []
  for await (const event of eventsOf(response)) events.push(event)
  return events
}

const passagesOf = (events: AssistantEvent[]) => {
  const first = events[0]
  if (first?.type !== 'passages') throw new Error(`expected passages first, got ${first?.type}`)
  return first
}
const answerOf = (events: AssistantEvent[]) =>
  events
    .filter((event) => event.type === 'delta')
    .map((event) => event.text)
    .join('')

/** Every link leads to a published page, at a heading id that page renders. */
async function expectRealPassages(hrefs: string[]) {
  expect(hrefs.length).toBeGreaterThan(0)
  for (const href of hrefs) {
    const match = href.match(/^\/docs\/([a-z-]+)\/([a-z0-9-]+)(?:#(.+))?$/)
    expect(match, href).not.toBeNull()
    const [, section, slug, anchor] = match!
    const { docs } = await payload.find({
      collection: 'docs-pages',
      where: { and: [{ section: { equals: section } }, { slug: { equals: slug } }] },
      overrideAccess: false,
    })
    expect(docs, href).toHaveLength(1)
    if (anchor) {
      expect(tableOfContents(docs[0].body as never).map((entry) => entry.id)).toContain(anchor)
    }
  }
}

describe('the docs assistant with a language model', () => {
  it('streams a cited answer grounded on the retrieved passages only; invented citations go', async () => {
    const draftWord = `zq${unique('')
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}`
    await payload.create({
      collection: 'docs-pages',
      data: {
        title: `Rotating keys ${draftWord}`,
        slug: unique('draft').toLowerCase(),
        section: 'best-practices',
        order: 999,
        summary: `Rotate API keys ${draftWord}.`,
        body: markdownToLexical(
          `## Rotate keys\n\nRotate the API key ${draftWord} without downtime.`,
        ) as unknown as DocsPage['body'],
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })

    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    model.answer(
      streaming(
        [
          'Rotate the key in API keys and deploy the new one [',
          '1] before the grace period ends [2',
          ', 9]. Check the old key is idle [7].',
        ],
        gate,
      ),
    )
    const before = model.requests.length
    const response = await ask({ question: 'How do I rotate an API key without downtime?' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')

    const events: AssistantEvent[] = []
    for await (const event of eventsOf(response)) {
      events.push(event)
      // The first piece of the answer arrives while the model is still answering.
      if (event.type === 'delta' && events.filter((e) => e.type === 'delta').length === 1) {
        release()
      }
    }
    const { passages, mode } = passagesOf(events)
    expect(mode).toBe('model')
    expect(passages.map((passage) => passage.n)).toEqual(passages.map((_, index) => index + 1))
    expect(passages.map((passage) => passage.href)).toContain(
      '/docs/best-practices/api-keys#rotate-regularly',
    )
    await expectRealPassages(passages.map((passage) => passage.href))
    expect(passages.some((passage) => passage.title.includes(draftWord))).toBe(false)

    // [1] and [2] are passages; 9 and 7 are not, and vanish.
    expect(answerOf(events)).toBe(
      'Rotate the key in API keys and deploy the new one [1] before the grace period ends [2]. Check the old key is idle.',
    )
    expect(events.at(-1)).toEqual({ type: 'done' })

    // What the model was sent: the rules, the numbered passages retrieved and the question.
    expect(model.requests).toHaveLength(before + 1)
    const sent = model.requests.at(-1)!
    expect(sent.path).toBe('/v1/chat/completions')
    expect(sent.headers.authorization).toBe('Bearer sk-test-secret-key')
    expect(sent.body).toMatchObject({ model: 'fake-1', stream: true })
    // What one answer may cost is bounded.
    expect(sent.body.max_tokens).toBe(ANSWER_MAX_TOKENS)
    const messages = sent.body.messages as { role: string; content: string }[]
    expect(messages.map((message) => message.role)).toEqual(['system', 'user'])
    expect(messages[1].content).toBe('How do I rotate an API key without downtime?')
    const system = messages[0].content
    expect(system).toMatch(/using only the numbered passages/)
    expect([...system.matchAll(/^\[(\d+)\] /gm)].map((m) => Number(m[1]))).toEqual(
      passages.map((passage) => passage.n),
    )
    for (const passage of passages) {
      expect(system).toContain(
        `[${passage.n}] ${passage.title} — ${passage.heading} (${passage.href})`,
      )
    }
    expect(system).toContain('Rotate each key every 90 days')
    expect(system).not.toContain(draftWord)
  })

  it('says what went wrong when the model fails, and still gives the passages', async () => {
    const warn = vi.spyOn(payload.logger, 'warn')
    model.answer((response) =>
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end('boom'),
    )
    const question = 'How are webhook signatures verified in Python?'
    const events = await allEvents(await ask({ question }))
    const { passages } = passagesOf(events)
    expect(passages.map((passage) => passage.href)).toContain(
      '/docs/webhooks/verifying-webhooks#the-signature-step-by-step',
    )
    await expectRealPassages(passages.map((passage) => passage.href))
    expect(events.slice(1)).toEqual([
      {
        type: 'error',
        message:
          'The language model answered 500. These passages of the docs match your question best.',
      },
      { type: 'done' },
    ])
    // Logged without the question or the model's key.
    const logged = JSON.stringify(warn.mock.calls)
    expect(logged).toContain('the language model failed')
    expect(logged).not.toContain('signatures verified')
    expect(logged).not.toContain('sk-test-secret-key')
    warn.mockRestore()
  })

  it('gives up on a model that does not answer in time, or stops halfway', async () => {
    model.answer(() => new Promise(() => {}))
    const silent = await allEvents(await ask({ question: 'What are the rate limit headers?' }))
    expect(passagesOf(silent).passages.length).toBeGreaterThan(0)
    expect(silent.slice(1)).toEqual([
      {
        type: 'error',
        message:
          'The language model did not answer in time. These passages of the docs match your question best.',
      },
      { type: 'done' },
    ])

    model.answer((response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write(delta('Limits are per key [1]'))
      response.write('data: {not json\n\n')
      response.end()
    })
    const broken = await allEvents(await ask({ question: 'What are the rate limit headers?' }))
    expect(answerOf(broken)).toBe('Limits are per key [1]')
    expect(broken.at(-2)).toMatchObject({ type: 'error' })

    // A model that will not stop is cut off at the answer's length.
    model.answer(streaming(Array.from({ length: 40 }, () => 'words '.repeat(40))))
    const endless = await allEvents(await ask({ question: 'What are the rate limit headers?' }))
    expect(answerOf(endless).length).toBeLessThanOrEqual(ANSWER_MAX_CHARACTERS)
    expect(endless.at(-2)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/^The answer was longer than the assistant gives/),
    })
  })

  it('asks the model nothing when no passage matches', async () => {
    const before = model.requests.length
    const events = await allEvents(await ask({ question: 'xylophone quokka zeppelin' }))
    expect(events).toEqual([{ type: 'passages', passages: [], mode: 'passages' }, { type: 'done' }])
    expect(model.requests).toHaveLength(before)
  })
})

describe('the docs assistant without a language model', () => {
  it('answers with the best passages, quoted and linked to real pages', async () => {
    const before = model.requests.length
    const events = await allEvents(
      await ask({ question: 'How do I verify a webhook signature?' }, { llm: null }),
    )
    const { passages, mode } = passagesOf(events)
    expect(mode).toBe('passages')
    expect(events.slice(1)).toEqual([{ type: 'done' }])
    expect(passages.length).toBeGreaterThan(0)
    expect(passages.length).toBeLessThanOrEqual(5)
    expect(passages.map((passage) => passage.href)).toContain(
      '/docs/webhooks/verifying-webhooks#the-signature-step-by-step',
    )
    await expectRealPassages(passages.map((passage) => passage.href))
    const signature = passages.find((passage) => passage.heading === 'The signature, step by step')
    expect(signature?.excerpt).toMatch(/^Read the body as raw bytes/)
    expect(signature!.excerpt.length).toBeLessThanOrEqual(421)
    expect(model.requests).toHaveLength(before)
  })
})

describe('the docs assistant’s door', () => {
  it('refuses malformed questions with a 4xx naming the field', async () => {
    const refused = async (response: Response) => ({
      status: response.status,
      error: ((await response.json()) as { errors: { field?: string; message: string }[] })
        .errors[0],
    })
    expect(await refused(await ask({ question: 'x'.repeat(501) }))).toMatchObject({
      status: 400,
      error: { field: 'question', message: 'Ask in at most 500 characters.' },
    })
    expect(await refused(await ask({ question: ' a ' }))).toMatchObject({
      status: 400,
      error: { field: 'question' },
    })
    expect(await refused(await ask({}))).toMatchObject({
      status: 400,
      error: { field: 'question' },
    })
    expect(await refused(await ask({ question: 42 }))).toMatchObject({
      status: 400,
      error: { field: 'question' },
    })
    expect(await refused(await ask(null, { raw: '{"question": ' }))).toMatchObject({
      status: 400,
      error: { field: 'body' },
    })
    expect(
      await refused(
        await ask(null, { raw: 'question=hi', headers: { 'content-type': 'text/plain' } }),
      ),
    ).toMatchObject({ status: 415 })
    expect(
      await refused(await ask(null, { raw: JSON.stringify({ question: 'y'.repeat(20_000) }) })),
    ).toMatchObject({ status: 413 })
  })

  it('limits questions per person and per address, with Retry-After', async () => {
    const user = await makeUser()
    const { token } = await payload.login({
      collection: 'users',
      data: { email: user.email, password: 'correct-horse-battery' },
    })
    const asPerson = (address: string) =>
      ask(
        { question: 'rate limits' },
        { llm: null, headers: { authorization: `JWT ${token}`, 'x-tt-client-ip': address } },
      )
    // The person's limit holds whatever address they ask from.
    for (let index = 0; index < ASSISTANT_LIMITS.perPerson; index++) {
      const response = await asPerson(newAddress())
      expect(response.status).toBe(200)
      await response.body?.cancel()
    }
    const refused = await asPerson(newAddress())
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0].code).toBe(
      'RATE_LIMITED',
    )

    // Visitors from one address share its limit, no more generous than a person's; an IPv6
    // /64 is one address, whichever of its addresses each question comes from.
    const prefix = `2001:db8:${(addressCount++).toString(16)}:1`
    for (let index = 0; index < ASSISTANT_LIMITS.perVisitorAddress; index++) {
      const response = await ask(
        { question: 'rate limits' },
        { llm: null, headers: { 'x-tt-client-ip': `${prefix}::${(index + 1).toString(16)}` } },
      )
      expect(response.status).toBe(200)
      await response.body?.cancel()
    }
    expect(ASSISTANT_LIMITS.perVisitorAddress).toBeLessThanOrEqual(ASSISTANT_LIMITS.perPerson)
    const visitor = await ask(
      { question: 'rate limits' },
      { llm: null, headers: { 'x-tt-client-ip': `${prefix}::ffff` } },
    )
    expect(visitor.status).toBe(429)
    expect(visitor.headers.get('retry-after')).toMatch(/^\d+$/)
    // Another address is not affected.
    expect((await ask({ question: 'rate limits' }, { llm: null })).status).toBe(200)
  })
})

describe('citations', () => {
  it('drops numbers that name no passage, even split across chunks', () => {
    const filter = citationFilter(3)
    const out = ['See [', '1', '] and [3, 4', '] but not [12', '] or [0]. Arrays[2] stay', ' [', '']
      .map((chunk) => filter.push(chunk))
      .join('')
    expect(out + filter.end()).toBe('See [1] and [3] but not or. Arrays[2] stay [')
  })

  it('stays linear on long runs of whitespace the model may be asked to write', () => {
    const filter = citationFilter(2)
    const spaces = ' '.repeat(100_000)
    let out = ''
    for (let i = 0; i < 20; i++) out += filter.push(`${spaces}\n`)
    out += filter.push('x [1]') + filter.end()
    expect(out).toBe(`${spaces}\n`.repeat(20) + 'x [1]')
  })

  it('renders only citations of the passages given', () => {
    expect(answerParts('A [1] b [2][5] c', 2)).toEqual([
      { text: 'A ' },
      { citation: 1 },
      { text: ' b ' },
      { citation: 2 },
      { text: ' c' },
    ])
  })
})

describe('assistant configuration', () => {
  it('needs the endpoint and the model together; the key is optional', () => {
    expect(
      parseEnv({
        ASSISTANT_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        ASSISTANT_MODEL: 'llama3',
      }).ASSISTANT_TIMEOUT_MS,
    ).toBe(30_000)
    expect(() => parseEnv({ ASSISTANT_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(
      /ASSISTANT_OPENAI_BASE_URL and ASSISTANT_MODEL: set both or neither/,
    )
    expect(() => parseEnv({ ASSISTANT_API_KEY: 'sk-x' })).toThrow(/ASSISTANT_API_KEY/)
    expect(() => parseEnv({ ASSISTANT_OPENAI_BASE_URL: 'ftp://x', ASSISTANT_MODEL: 'm' })).toThrow(
      /ASSISTANT_OPENAI_BASE_URL: must be a URL/,
    )
    // The key never travels in clear text over the internet; a model next door may use http.
    expect(() =>
      parseEnv({ ASSISTANT_OPENAI_BASE_URL: 'http://api.example.com/v1', ASSISTANT_MODEL: 'm' }),
    ).toThrow(/ASSISTANT_OPENAI_BASE_URL: must use https/)
    for (const base of ['http://ollama:11434/v1', 'http://10.1.2.3/v1', 'http://[::1]:8080/v1']) {
      expect(
        parseEnv({ ASSISTANT_OPENAI_BASE_URL: base, ASSISTANT_MODEL: 'm' }).ASSISTANT_MODEL,
      ).toBe('m')
    }
  })
})
