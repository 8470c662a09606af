'use client'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { CodeGroup } from '@/components/DocsBody/CodeGroup.client'
import { TryKeyPicker, useTryKey } from '@/components/TryKey/index.client'
import { maskKey } from '@/lib/docs/tryKey'
import {
  canDryRun,
  DRY_RUN_PATH,
  dryRunBody,
  type DryRunAnswer,
} from '@/lib/docs/playground/dryRun'
import {
  accessLabel,
  groupByTag,
  listOperations,
  type OpenApiDocument,
  type PlaygroundOperation,
} from '@/lib/docs/playground/operations'
import {
  bodyValidator,
  buildRequest,
  exampleBody,
  type RequestInputs,
} from '@/lib/docs/playground/request'
import { snippet, SNIPPET_LANGUAGES, type SnippetLanguage } from '@/lib/docs/playground/snippets'

import { EndpointPicker } from './EndpointPicker.client'
import { MethodBadge } from './MethodBadge'
import { RequestForm } from './RequestForm.client'
import { DryRunView, ResponseView, type Answer } from './Results'

const DEFAULT_OPERATION = 'get /api/users/me'
/** Live checks wait for a pause in typing (the list is announced politely). */
const CHECK_DELAY_MS = 300

type Loaded =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; document: OpenApiDocument; operations: PlaygroundOperation[] }

type Outcome =
  | { kind: 'response'; answer: Answer; at: number }
  | { kind: 'dry-run'; answer: DryRunAnswer; scope?: string }
  | { kind: 'error'; message: string }

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Snippet languages under the docs' code-group language values (the choice is shared). */
const TAB_LANGUAGE: Record<SnippetLanguage, string> = {
  curl: 'bash',
  python: 'python',
  javascript: 'javascript',
}

const emptyInputs = (operation: PlaygroundOperation, components: unknown): RequestInputs => ({
  path: {},
  query: {},
  body: operation.body
    ? JSON.stringify(
        exampleBody(operation.body.schema, components as Record<string, unknown>),
        null,
        2,
      )
    : '',
})

const operationFromHash = (operations: PlaygroundOperation[]) => {
  let wanted: string
  try {
    wanted = decodeURIComponent(window.location.hash.slice(1))
  } catch {
    // A mangled link (`#%`): start from the first operation.
    return undefined
  }
  return operations.find((op) => op.operationId === wanted || op.id === wanted)
}

/**
 * The playground: pick an endpoint and a key, fill in parameters and a JSON body checked against
 * the operation's schema, then send it (a real request, key only, no session cookie) or dry-run
 * the key (what the verifier would answer, counting nothing). The request copies as cURL,
 * Python or JavaScript with the key in it; the page shows it masked.
 */
export function Playground() {
  const tryKey = useTryKey()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [selectedId, setSelectedId] = useState<string>()
  const [inputs, setInputs] = useState<RequestInputs>({ path: {}, query: {}, body: '' })
  const [checkedInputs, setCheckedInputs] = useState(inputs)
  /** Problems show once the reader edits the request or tries to send it. */
  const [showErrors, setShowErrors] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  const outcomeRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    fetch('/api/openapi.json')
      .then(async (response) => {
        if (!response.ok) throw new Error(`answered ${response.status}`)
        const document = (await response.json()) as OpenApiDocument
        const operations = listOperations(document)
        setLoaded({ status: 'ready', document, operations })
        const first =
          operationFromHash(operations) ?? operations.find((op) => op.id === DEFAULT_OPERATION)
        if (first) {
          setSelectedId(first.id)
          const fresh = emptyInputs(first, document.components)
          setInputs(fresh)
          setCheckedInputs(fresh)
        }
      })
      .catch((error: unknown) => {
        console.warn('playground: OpenAPI document not loaded', error)
        setLoaded({ status: 'failed' })
      })
  }, [])

  useEffect(() => {
    const timer = window.setTimeout(() => setCheckedInputs(inputs), CHECK_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [inputs])

  const document = loaded.status === 'ready' ? loaded.document : undefined
  const operations = useMemo(() => (loaded.status === 'ready' ? loaded.operations : []), [loaded])
  const groups = useMemo(
    () =>
      groupByTag(
        operations,
        (document?.tags ?? []).map((tag) => tag.name),
      ),
    [operations, document],
  )
  const operation = operations.find((op) => op.id === selectedId)
  const validateBody = useMemo(
    () => (operation ? bodyValidator(operation, document?.components) : undefined),
    [operation, document],
  )
  const key = tryKey.status === 'ready' ? tryKey.selected?.key : undefined

  const build = useCallback(
    (values: RequestInputs, withKey?: string) =>
      operation
        ? buildRequest(operation, values, window.location.origin, {
            key: withKey,
            components: document?.components,
            validateBody,
          })
        : undefined,
    [operation, document, validateBody],
  )

  const checked = build(checkedInputs, key)
  const errors = checked?.errors ?? []

  const select = (next: PlaygroundOperation) => {
    setSelectedId(next.id)
    const fresh = emptyInputs(next, document?.components)
    setInputs(fresh)
    setCheckedInputs(fresh)
    setShowErrors(false)
    setOutcome(undefined)
    window.history.replaceState(null, '', `#${encodeURIComponent(next.operationId ?? next.id)}`)
  }

  const show = (next: Outcome) => {
    setOutcome(next)
    window.requestAnimationFrame(() => outcomeRef.current?.focus())
  }

  async function send() {
    setShowErrors(true)
    setCheckedInputs(inputs)
    const built = build(inputs, key)
    if (!built?.request || operation?.elsewhere) return
    const { request } = built
    setBusy(true)
    const started = performance.now()
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        // The key is the request's only credential, as it will be in the reader's code.
        credentials: 'omit',
      })
      const body = await response.text()
      show({
        kind: 'response',
        at: Date.now(),
        answer: {
          status: response.status,
          statusText: response.statusText,
          durationMs: performance.now() - started,
          headers: [...response.headers.entries()],
          body,
        },
      })
    } catch (error) {
      show({ kind: 'error', message: `The request failed: ${(error as Error).message}` })
    } finally {
      setBusy(false)
    }
  }

  async function dryRun() {
    if (!operation || !key) return
    setBusy(true)
    const body = dryRunBody(key, operation.access)
    try {
      const response = await fetch(DRY_RUN_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      })
      if (!response.ok) {
        const answer = (await response.json().catch(() => null)) as {
          errors?: { message?: string }[]
        } | null
        const retry = response.headers.get('Retry-After')
        show({
          kind: 'error',
          message: `The dry run was refused (${response.status}): ${
            answer?.errors?.[0]?.message ?? response.statusText
          }${retry ? ` Try again in ${retry} seconds.` : ''}`,
        })
        return
      }
      show({ kind: 'dry-run', answer: (await response.json()) as DryRunAnswer, scope: body.scope })
    } catch (error) {
      show({ kind: 'error', message: `The dry run failed: ${(error as Error).message}` })
    } finally {
      setBusy(false)
    }
  }

  const dryRunBlocked = !operation
    ? undefined
    : !canDryRun(operation.access)
      ? 'No dry run: API keys cannot call this operation.'
      : !key
        ? 'A dry run needs a key whose value this tab knows.'
        : undefined

  const sendBlocked = !operation
    ? undefined
    : operation.elsewhere
      ? `Served by the TuneTrail API (${operation.elsewhere}), not this portal: copy the request to send it, or dry-run your key for its scope.`
      : operation.access.kind === 'none'
        ? 'Only a signed-in session may call this, and the playground sends a key only (as your code would): call it from the portal or with a session token.'
        : operation.access.kind !== 'public' && !key
          ? 'Pick, create or paste a test key first: this operation needs one.'
          : undefined

  const tabs = useMemo(() => {
    if (!operation) return []
    const masked = build(checkedInputs, key ? maskKey(key) : undefined)?.request
    const real = build(checkedInputs, key)?.request
    if (!masked || !real) return []
    return SNIPPET_LANGUAGES.map(({ value, label }) => ({
      language: TAB_LANGUAGE[value],
      label,
      code: snippet(value, real),
      html: escapeHtml(snippet(value, masked)),
    }))
  }, [operation, build, checkedInputs, key])

  if (loaded.status === 'loading') {
    return (
      <p className="text-muted-foreground" aria-live="polite">
        Loading the endpoints…
      </p>
    )
  }
  if (loaded.status === 'failed') {
    return (
      <p role="alert" className="text-danger">
        The endpoints could not be loaded. Reload the page to try again.
      </p>
    )
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[20rem_minmax(0,1fr)]">
      <aside>
        <EndpointPicker groups={groups} selected={selectedId} onSelect={select} />
      </aside>
      <div className="min-w-0 space-y-6">
        <TryKeyPicker state={tryKey} returnTo="/docs/playground" />
        {operation && (
          <section aria-labelledby="playground-request" className="space-y-4">
            <div className="space-y-1">
              <h2
                id="playground-request"
                className="flex flex-wrap items-center gap-2 text-lg font-semibold"
              >
                <MethodBadge method={operation.method} />{' '}
                <span className="font-mono text-base break-all">{operation.path}</span>
              </h2>
              <p>{operation.summary}</p>
              {operation.description && (
                <p className="text-sm text-muted-foreground">{operation.description}</p>
              )}
              <p className="text-sm">
                <span className="font-semibold">Who may call it:</span>{' '}
                {accessLabel(operation.access)}
              </p>
            </div>
            <RequestForm
              operation={operation}
              inputs={inputs}
              onChange={(next) => {
                setInputs(next)
                setShowErrors(true)
              }}
              errors={errors}
              showErrors={showErrors}
              onSend={() => void send()}
              onDryRun={() => void dryRun()}
              isBusy={isBusy}
              sendBlocked={sendBlocked}
              dryRunBlocked={dryRunBlocked}
            />
            <div className="space-y-1">
              <h3 className="text-sm font-semibold">Copy the request</h3>
              {tabs.length > 0 ? (
                <CodeGroup title="Request as code" tabs={tabs} />
              ) : (
                <p className="text-sm text-muted-foreground">
                  Fix the problems above to get the request as code.
                </p>
              )}
            </div>
          </section>
        )}
        {/* Focus moves here when an answer arrives, so it is read next. */}
        <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none">
          {isBusy && (
            <p role="status" className="text-sm text-muted-foreground">
              Waiting for the answer…
            </p>
          )}
          {!isBusy && outcome?.kind === 'response' && (
            <ResponseView answer={outcome.answer} now={outcome.at} />
          )}
          {!isBusy && outcome?.kind === 'dry-run' && (
            <DryRunView answer={outcome.answer} scope={outcome.scope} />
          )}
          {!isBusy && outcome?.kind === 'error' && (
            <p role="alert" className="text-sm text-danger">
              {outcome.message}
            </p>
          )}
        </div>
      </div>
    </div>
  )
}
