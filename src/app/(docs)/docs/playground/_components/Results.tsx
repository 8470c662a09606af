import { DRY_RUN_MEANINGS, type DryRunAnswer } from '@/lib/docs/playground/dryRun'
import { explainRateLimit, rateLimitSummary } from '@/lib/docs/playground/rateLimit'

/** An answer as the playground shows it. */
export type Answer = {
  status: number
  statusText: string
  durationMs: number
  headers: [string, string][]
  body: string
}

const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

const statusTone = (status: number) =>
  status < 300 ? 'text-success' : status < 500 ? 'text-warning' : 'text-danger'

/** Status, the rate-limit headers in plain words, every header, and the body. */
export function ResponseView({ answer, now }: { answer: Answer; now: number }) {
  const get = (name: string) =>
    answer.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
  const rows = explainRateLimit(get, now)
  const summary = rateLimitSummary(get)
  return (
    <section aria-labelledby="playground-response" className="space-y-4">
      <h2 id="playground-response" className="text-lg font-semibold">
        Response
      </h2>
      <p className="text-sm" data-testid="response-status">
        <span className={`font-mono text-base font-semibold ${statusTone(answer.status)}`}>
          {answer.status} {answer.statusText}
        </span>{' '}
        <span className="text-muted-foreground">in {Math.round(answer.durationMs)} ms</span>
      </p>
      {rows.length > 0 ? (
        <div className="space-y-2">
          {summary && <p className="text-sm">{summary}</p>}
          <div className="overflow-x-auto rounded-md border border-border">
            <table className="w-full text-left text-sm">
              <caption className="border-b border-border bg-muted px-3 py-2 text-left font-semibold">
                Rate-limit headers, explained
              </caption>
              <thead>
                <tr className="border-b border-border">
                  <th scope="col" className="px-3 py-2">
                    Header
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Value
                  </th>
                  <th scope="col" className="px-3 py-2">
                    What it means
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.name} className="border-b border-border align-top last:border-0">
                    <th scope="row" className="px-3 py-2 font-mono text-xs font-semibold">
                      {row.name}
                    </th>
                    <td className="px-3 py-2 font-mono text-xs break-all">{row.value}</td>
                    <td className="px-3 py-2">{row.meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">
          No rate-limit headers: they come with requests sent with an API key.
        </p>
      )}
      <details className="rounded-md border border-border">
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold">
          All response headers ({answer.headers.length})
        </summary>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 px-3 pb-3 text-xs sm:grid-cols-[auto_minmax(0,1fr)]">
          {answer.headers.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="font-mono font-semibold">{name}</dt>
              <dd className="font-mono break-all text-muted-foreground">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="space-y-1">
        <h3 className="text-sm font-semibold">Body</h3>
        <pre
          tabIndex={0}
          aria-label="Response body"
          data-testid="response-body"
          className="max-h-[32rem] overflow-auto rounded-md border border-border bg-muted p-3 font-mono text-xs"
        >
          {answer.body ? pretty(answer.body) : '(empty)'}
        </pre>
      </div>
    </section>
  )
}

/** What the verifier would answer for the key, and a reminder that nothing was counted. */
export function DryRunView({ answer, scope }: { answer: DryRunAnswer; scope?: string }) {
  const limit = answer.ratelimit
  return (
    <section aria-labelledby="playground-dry-run" className="space-y-3">
      <h2 id="playground-dry-run" className="text-lg font-semibold">
        Dry run
      </h2>
      <p className="text-sm">
        <span
          data-testid="dry-run-code"
          className={`font-mono text-base font-semibold ${answer.valid ? 'text-success' : 'text-danger'}`}
        >
          {answer.code}
        </span>{' '}
        {DRY_RUN_MEANINGS[answer.code] ?? ''}
      </p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Scope asked for</dt>
        <dd className="font-mono">{scope ?? 'none (any key of the account)'}</dd>
        {answer.environment && (
          <>
            <dt className="font-semibold">Environment</dt>
            <dd>{answer.environment}</dd>
          </>
        )}
        {answer.scopes && (
          <>
            <dt className="font-semibold">Key’s scopes</dt>
            <dd className="font-mono break-words">{answer.scopes.join(', ') || 'none'}</dd>
          </>
        )}
        {limit && (
          <>
            <dt className="font-semibold">Rate limit</dt>
            <dd>
              Sent now, it would leave {limit.remaining} of {limit.limit}{' '}
              {limit.resource.replace(/_/g, ' ')} this {limit.window} (the window resets in{' '}
              {limit.reset} s)
            </dd>
          </>
        )}
      </dl>
      <p className="text-sm text-muted-foreground">
        A dry run counts nothing: the key’s rate windows and usage are as they were.
      </p>
    </section>
  )
}
