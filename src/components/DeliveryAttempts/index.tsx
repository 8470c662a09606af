import type { JSONFieldServerComponent } from 'payload'

import { fieldLabel, HeaderTable, Pre, ReadOnlyField } from '@/components/AdminUi'
import { deliveryAttempts, stringRecord, type DeliveryAttempt } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'

const isSuccess = (attempt: DeliveryAttempt) =>
  attempt.responseStatus !== null && attempt.responseStatus >= 200 && attempt.responseStatus < 300

function Outcome({ attempt }: { attempt: DeliveryAttempt }) {
  const ok = isSuccess(attempt)
  const text = attempt.responseStatus === null ? 'No response' : `HTTP ${attempt.responseStatus}`
  return <span className={`tt-badge ${ok ? 'tt-badge--ok' : 'tt-badge--fail'}`}>{text}</span>
}

function Details({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details>
      <summary>{summary}</summary>
      {children}
    </details>
  )
}

function Attempt({ attempt, number }: { attempt: DeliveryAttempt; number: number }) {
  const name = `attempt ${number}`
  return (
    <li className={`tt-timeline__item tt-timeline__item--${isSuccess(attempt) ? 'ok' : 'fail'}`}>
      <p className="tt-timeline__head">
        <strong>Attempt {number}</strong>
        <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>
        <Outcome attempt={attempt} />
        {attempt.durationMs === null ? null : (
          <span>{attempt.durationMs.toLocaleString('en')} ms</span>
        )}
      </p>
      {/* "HTTP 500" is already the badge; errors without a response say what happened. */}
      {attempt.error && attempt.error !== `HTTP ${attempt.responseStatus}` ? (
        <p className="tt-timeline__error">{attempt.error}</p>
      ) : null}
      {attempt.requestHeaders ? (
        <Details summary="Request headers">
          <HeaderTable caption={`Request headers of ${name}`} headers={attempt.requestHeaders} />
        </Details>
      ) : null}
      {attempt.responseHeaders ? (
        <Details summary="Response headers">
          <HeaderTable caption={`Response headers of ${name}`} headers={attempt.responseHeaders} />
        </Details>
      ) : null}
      {attempt.responseBody ? (
        <Details summary="Response body">
          <Pre label={`Response body of ${name}`} text={attempt.responseBody} />
        </Details>
      ) : null}
    </li>
  )
}

/**
 * A delivery's attempts as a timeline: time, outcome, duration, then what was sent and answered.
 * Attempts recorded before each kept its own headers and body borrow the delivery's (which are
 * the last attempt's) for the last one.
 */
export const DeliveryAttempts: JSONFieldServerComponent = ({ clientField, data, path }) => {
  const attempts = deliveryAttempts(data?.attempts)
  const last = attempts.at(-1)
  if (last && !last.requestHeaders) last.requestHeaders = stringRecord(data?.requestHeaders)
  if (last && !last.responseBody && typeof data?.responseBody === 'string') {
    last.responseBody = data.responseBody
  }
  const next =
    data?.status === 'pending' && typeof data?.nextAttemptAt === 'string'
      ? data.nextAttemptAt
      : null
  const label = fieldLabel(clientField)
  return (
    <ReadOnlyField
      id={`field-${path}`}
      label={label}
      note="The webhook-signature header is never stored."
    >
      {attempts.length === 0 && !next ? (
        <p className="tt-muted">Not attempted yet.</p>
      ) : (
        <ol className="tt-timeline" aria-label={label}>
          {attempts.map((attempt, index) => (
            <Attempt key={`${attempt.at}-${index}`} attempt={attempt} number={index + 1} />
          ))}
          {next ? (
            <li className="tt-timeline__item">
              <p className="tt-timeline__head">
                <strong>Attempt {attempts.length + 1}</strong>
                <span className="tt-badge tt-badge--wait">Scheduled</span>
                <time dateTime={next}>{formatDateTime(next)}</time>
              </p>
            </li>
          ) : null}
        </ol>
      )}
    </ReadOnlyField>
  )
}
