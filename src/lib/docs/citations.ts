/**
 * Citations in the assistant's answers: the model cites the numbered passages it was given as
 * `[n]` (or `[n, m]`). A number that names no passage it was given is dropped — never linked,
 * never shown — first on the server as the answer streams (`citationFilter`), and again by
 * whatever renders it (`answerParts`).
 */

const CITATION = /\[(\d{1,3}(?:[ \t]{0,3},[ \t]{0,3}\d{1,3})*)\]/g
/**
 * A citation with the space before it (which goes with it when it is dropped). Whitespace is
 * matched a few characters at most: the model's text is the question-asker's to shape, and an
 * unbounded run would make these scans quadratic in its length.
 */
const SPACED_CITATION = /([ \t]?)\[(\d{1,3}(?:[ \t]{0,3},[ \t]{0,3}\d{1,3})*)\]/g
/**
 * The end of a chunk that may be the start of a citation the next chunk completes, with the
 * spaces before it (matches at least the empty string).
 */
const OPEN_CITATION = /[ \t]?(?:\[[\d, \t]{0,24})?$/

/** A citation with only the numbers 1…count kept, written `[1][2]`; '' when none is left. */
function keepValid(numbers: string, count: number): string {
  return numbers
    .split(',')
    .map((n) => Number(n.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= count)
    .map((n) => `[${n}]`)
    .join('')
}

/**
 * Filters a streamed answer's citations, chunk by chunk: a `[1` at the end of a chunk (and the
 * spaces before it) is held back until the chunk that closes it arrives. `end()` returns what
 * is still held.
 */
export function citationFilter(count: number) {
  let held = ''
  const clean = (text: string) =>
    text.replace(SPACED_CITATION, (_, spaces: string, numbers: string) => {
      const kept = keepValid(numbers, count)
      return kept ? `${spaces}${kept}` : ''
    })
  return {
    push(chunk: string): string {
      const text = held + chunk
      const open = OPEN_CITATION.exec(text)!
      held = open[0]
      return clean(text.slice(0, open.index))
    },
    end(): string {
      const rest = clean(held)
      held = ''
      return rest
    },
  }
}

export type AnswerPart = { text: string } | { citation: number }

/** An answer as text and citations of passages 1…count (others dropped), for rendering. */
export function answerParts(answer: string, count: number): AnswerPart[] {
  const parts: AnswerPart[] = []
  let last = 0
  for (const match of answer.matchAll(CITATION)) {
    if (match.index > last) parts.push({ text: answer.slice(last, match.index) })
    for (const n of match[1].split(',').map((value) => Number(value.trim()))) {
      if (n >= 1 && n <= count) parts.push({ citation: n })
    }
    last = match.index + match[0].length
  }
  if (last < answer.length) parts.push({ text: answer.slice(last) })
  return parts
}
