/**
 * A search snippet as text parts, the matched words marked. Postgres' `ts_headline` wraps
 * matches in two private-use characters that page text never contains (src/lib/docs/plainText.ts
 * strips them when indexing); the parts carry text only, so whatever renders them escapes it
 * (React does) and only marks the matches — no HTML from the database is ever rendered.
 */
export type SnippetPart = { text: string; isMatch: boolean }

export const HIGHLIGHT_START = '\uE000'
export const HIGHLIGHT_STOP = '\uE001'

/** `a \uE000b\uE001 c` → [a ] [b, match] [ c]; stray markers are dropped. */
export function snippetParts(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  const push = (text: string, isMatch: boolean) => {
    if (!text) return
    const last = parts[parts.length - 1]
    if (last && last.isMatch === isMatch) last.text += text
    else parts.push({ text, isMatch })
  }
  let isMatch = false
  for (const piece of raw.replace(/\u200B/g, '').split(/([\uE000\uE001])/)) {
    if (piece === HIGHLIGHT_START) isMatch = true
    else if (piece === HIGHLIGHT_STOP) isMatch = false
    else push(piece, isMatch)
  }
  return parts
}
