'use client'

import Link from 'next/link'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'

import { Button } from '@/components/ui/button'
import { Input, Textarea } from '@/components/ui/input'
import { jsonLines } from '@/lib/docs/jsonLines'
import type { AssistantEvent, CitedPassage } from '@/lib/docs/assistant'
import { answerParts } from '@/lib/docs/citations'
import { ASSISTANT_QUESTION_MAX } from '@/schemas/docs'

type Answer = {
  status: 'asking' | 'answering' | 'done'
  passages: CitedPassage[]
  mode: 'model' | 'passages'
  text: string
  error: string | null
}

const EMPTY: Answer = { status: 'asking', passages: [], mode: 'passages', text: '', error: null }

/** Reads the answer's JSON lines as they arrive, handing each event on. */
async function readEvents(response: Response, onEvent: (event: AssistantEvent) => void) {
  for await (const event of jsonLines<AssistantEvent>(response)) onEvent(event)
}

async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as {
    errors?: { message: string }[]
  } | null
  return body?.errors?.[0]?.message ?? `The assistant is unavailable (${response.status}).`
}

/**
 * "Ask the docs": a question box whose answer streams in — the model's text with its
 * citations as links to the passages it was given (a number naming no passage is dropped), or
 * without a model the best passages themselves, quoted and linked. On every docs page (compact)
 * and on /docs/assistant; a client component, so the static docs pages stay static.
 */
export function AskDocs({ variant = 'compact' }: { variant?: 'compact' | 'page' }) {
  const id = useId()
  const [question, setQuestion] = useState('')
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const inFlight = useRef<AbortController | null>(null)

  useEffect(() => () => inFlight.current?.abort(), [])

  const ask = async (event: FormEvent) => {
    event.preventDefault()
    const asked = question.trim()
    if (asked.length < 3) {
      setProblem('Ask a question of at least 3 characters.')
      return
    }
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    setProblem(null)
    setAnswer(EMPTY)
    try {
      const response = await fetch('/api/docs/assistant', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: asked }),
        signal: controller.signal,
      })
      if (!response.ok || !response.body) {
        setAnswer(null)
        setProblem(await refusal(response))
        return
      }
      await readEvents(response, (event) =>
        setAnswer((current) => {
          const state = current ?? EMPTY
          if (event.type === 'passages') {
            return { ...state, status: 'answering', passages: event.passages, mode: event.mode }
          }
          if (event.type === 'delta') return { ...state, text: state.text + event.text }
          if (event.type === 'error') return { ...state, error: event.message }
          return { ...state, status: 'done' }
        }),
      )
      setAnswer((current) => current && { ...current, status: 'done' })
    } catch (error) {
      if (controller.signal.aborted) return
      console.warn('docs assistant failed', error)
      setAnswer((current) =>
        current?.passages.length
          ? { ...current, status: 'done', error: 'The answer was cut short. Try again.' }
          : null,
      )
      setProblem('The assistant could not be reached. Try again.')
    }
  }

  const isPage = variant === 'page'
  const Heading = isPage ? 'h2' : 'h3'
  const isBusy = answer !== null && answer.status !== 'done'
  return (
    <section
      aria-labelledby={isPage ? undefined : `${id}-title`}
      aria-label={isPage ? 'Ask a question' : undefined}
      className={isPage ? 'space-y-6' : 'space-y-4 rounded-lg border border-border p-4'}
    >
      {!isPage && (
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Ask the docs
        </h2>
      )}
      <form onSubmit={ask} className="space-y-2">
        <label htmlFor={`${id}-question`} className="block text-sm font-medium">
          Your question
        </label>
        <div className={isPage ? 'space-y-2' : 'flex flex-col gap-2 sm:flex-row'}>
          {isPage ? (
            <Textarea
              id={`${id}-question`}
              value={question}
              maxLength={ASSISTANT_QUESTION_MAX}
              onChange={(event) => setQuestion(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                  event.currentTarget.form?.requestSubmit()
                }
              }}
              placeholder="How do I rotate an API key without downtime?"
              aria-describedby={`${id}-hint`}
              aria-invalid={problem ? true : undefined}
              aria-errormessage={problem ? `${id}-problem` : undefined}
            />
          ) : (
            <Input
              id={`${id}-question`}
              value={question}
              maxLength={ASSISTANT_QUESTION_MAX}
              onChange={(event) => setQuestion(event.target.value)}
              placeholder="How do I verify a webhook signature?"
              aria-describedby={`${id}-hint`}
              aria-invalid={problem ? true : undefined}
              aria-errormessage={problem ? `${id}-problem` : undefined}
            />
          )}
          <Button type="submit" disabled={isBusy} className="shrink-0">
            {isBusy ? 'Asking…' : 'Ask'}
          </Button>
        </div>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          Answers come from the published docs only, with links to the passages they use.
          {isPage && ' Ctrl+Enter (⌘+Enter on a Mac) asks from the text box.'}
          {!isPage && (
            <>
              {' '}
              <Link href="/docs/assistant" className="text-primary underline">
                Ask on a page of its own
              </Link>
              .
            </>
          )}
        </p>
        {problem && (
          <p id={`${id}-problem`} role="alert" className="text-sm text-danger">
            {problem}
          </p>
        )}
      </form>
      <p aria-live="polite" className="sr-only">
        {answer?.status === 'done' ? 'The answer is ready.' : isBusy ? 'Answering…' : ''}
      </p>
      {answer && <AnswerView answer={answer} Heading={Heading} />}
    </section>
  )
}

function AnswerView({ answer, Heading }: { answer: Answer; Heading: 'h2' | 'h3' }) {
  const byNumber = new Map(answer.passages.map((passage) => [passage.n, passage]))
  const showModel = answer.mode === 'model'
  // Without a model's answer, the passages are the answer: quoted.
  const quote = !showModel || answer.error !== null || (answer.status === 'done' && !answer.text)
  if (answer.status === 'asking') {
    return <p className="text-sm text-muted-foreground">Looking through the docs…</p>
  }
  if (answer.passages.length === 0) {
    return (
      <p className="text-sm">
        Nothing in the docs matches that question. Try other words, or search the docs with Ctrl+K
        (⌘K on a Mac).
      </p>
    )
  }
  return (
    <div aria-busy={answer.status !== 'done'} className="space-y-4">
      {showModel && (
        <div className="space-y-2">
          <Heading className="font-semibold">Answer</Heading>
          <p className="leading-7 whitespace-pre-line">
            {answerParts(answer.text, answer.passages.length).map((part, index) => {
              if ('text' in part) return <span key={index}>{part.text}</span>
              const passage = byNumber.get(part.citation)!
              return (
                <Link
                  key={index}
                  href={passage.href}
                  className="mx-0.5 text-xs font-semibold text-primary underline"
                  aria-label={`[${passage.n}] ${passage.title}, ${passage.heading}`}
                >
                  [{passage.n}]
                </Link>
              )
            })}
            {answer.status !== 'done' && !answer.error && (
              <span className="text-muted-foreground"> …</span>
            )}
          </p>
        </div>
      )}
      {answer.error && (
        <p
          role="alert"
          className="rounded-md border-l-4 border-warning bg-warning-soft p-3 text-sm"
        >
          {answer.error}
        </p>
      )}
      <div className="space-y-2">
        <Heading className="font-semibold">
          {showModel && !quote ? 'Sources' : 'From the docs'}
        </Heading>
        <ol className="space-y-3">
          {answer.passages.map((passage) => (
            <li key={passage.n} className="space-y-1 text-sm">
              <Link href={passage.href} className="font-medium text-primary underline">
                <span className="text-muted-foreground">[{passage.n}]</span> {passage.title}
                {passage.heading !== passage.title && ` — ${passage.heading}`}
              </Link>
              {quote && (
                <blockquote className="border-l-2 border-border pl-3 text-muted-foreground whitespace-pre-line">
                  {passage.excerpt}
                </blockquote>
              )}
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
