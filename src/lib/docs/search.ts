import type { Queryable } from '../db'
import { docsPath } from './sections'
import { HIGHLIGHT_START, HIGHLIGHT_STOP, snippetParts, type SnippetPart } from './snippet'

/**
 * Full-text search over the published docs (the index of src/lib/docs/searchIndex.ts), with
 * Postgres' English text search: `websearch_to_tsquery` parses what people type (never an
 * error, whatever they type), every value is a bound parameter, and results are ranked with
 * title matches above summary matches above body matches (weights A, B, C).
 */

export type DocsPageHit = {
  pageId: number
  title: string
  summary: string
  href: string
  snippet: SnippetPart[]
}

export type DocsPassageHit = {
  pageId: number
  title: string
  heading: string
  /** The page, at the passage's heading. */
  href: string
  text: string
  markdown: string
}

const HEADLINE_OPTIONS = [
  `StartSel="${HIGHLIGHT_START}"`,
  `StopSel="${HIGHLIGHT_STOP}"`,
  'MaxWords=28',
  'MinWords=12',
  'MaxFragments=2',
  'FragmentDelimiter=" … "',
].join(', ')

/**
 * The queries for what someone typed, tried in turn until one finds something: all its words
 * (`websearch_to_tsquery`), then — so results come while they type — all but the last and a
 * word starting with the last (`rot` finds "rotate"). The prefix is letters and digits only,
 * so `:*` is the only syntax around it.
 */
function typedQueries(text: string): { sql: string; values: unknown[] }[] {
  const exact = { sql: `websearch_to_tsquery('english', $1)`, values: [text] }
  const words = text.trim().split(/\s+/)
  const last = words[words.length - 1] ?? ''
  if (!/^[\p{L}\p{N}]{2,40}$/u.test(last)) return [exact]
  const rest = words.slice(0, -1).join(' ')
  return [
    exact,
    rest
      ? {
          sql: `websearch_to_tsquery('english', $1) && to_tsquery('simple', $2)`,
          values: [rest, `${last.toLowerCase()}:*`],
        }
      : { sql: `to_tsquery('simple', $1)`, values: [`${last.toLowerCase()}:*`] },
  ]
}

/** Published pages matching `text`, best first, with a highlighted snippet of their body. */
export async function searchDocsPages(
  db: Queryable,
  text: string,
  limit = 8,
): Promise<DocsPageHit[]> {
  if (!text.trim()) return []
  for (const query of typedQueries(text)) {
    const hits = await pagesMatching(db, query, limit)
    if (hits.length > 0) return hits
  }
  return []
}

async function pagesMatching(
  db: Queryable,
  query: { sql: string; values: unknown[] },
  limit: number,
): Promise<DocsPageHit[]> {
  const n = query.values.length
  // Ranked by weight (title A, summary B, body C) over the log of the page's length
  // (normalisation 1), so a long page does not win by its length alone. Snippets are made for
  // the results only; `<` is kept apart from what follows so ts_headline drops no `<word>`.
  const { rows } = await db.query<{
    page_id: number
    section: string
    slug: string
    title: string
    summary: string
    headline: string
  }>(
    `WITH q AS (SELECT ${query.sql} AS query),
     best AS (
       SELECT s.page_id, p.section::text AS section, p.slug, s.title, s.summary, s.body,
              ts_rank(docs_search_vector(s.title, s.summary, s.body), q.query, 1) AS rank
         FROM docs_search s
         JOIN docs_pages p ON p.id = s.page_id AND p._status = 'published'
        CROSS JOIN q
        WHERE docs_search_vector(s.title, s.summary, s.body) @@ q.query
        ORDER BY rank DESC, s.title
        LIMIT $${n + 1}
     )
     SELECT best.page_id, best.section, best.slug, best.title, best.summary,
            ts_headline('english', replace(best.body, '<', '<' || chr(8203)), q.query, $${n + 2})
              AS headline
       FROM best CROSS JOIN q
      ORDER BY best.rank DESC, best.title`,
    [...query.values, limit, HEADLINE_OPTIONS],
  )
  return rows.map((row) => ({
    pageId: row.page_id,
    title: row.title,
    summary: row.summary,
    href: docsPath(row),
    snippet: snippetParts(row.headline),
  }))
}

/**
 * What a question is about: its words, any of which may match (`a or b or c`), so a question
 * in a sentence finds the passages that share the most (and rarest) of its words. Quotes and
 * leading minus signs are dropped: they are websearch syntax, not words.
 */
export function anyWordsQuery(question: string): string {
  return question
    .split(/\s+/)
    .map((word) => word.replace(/["]/g, '').replace(/^-+/, ''))
    .filter((word) => word !== '' && word.toLowerCase() !== 'or')
    .slice(0, 40)
    .join(' or ')
}

/** The published passages (h2/h3 sections) that best answer `question`, best first. */
export async function searchDocsPassages(
  db: Queryable,
  question: string,
  limit = 5,
): Promise<DocsPassageHit[]> {
  const words = anyWordsQuery(question)
  if (!words) return []
  const { rows } = await db.query<{
    page_id: number
    section: string
    slug: string
    anchor: string | null
    title: string
    heading: string
    body: string
    markdown: string
  }>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query)
     SELECT d.page_id, p.section::text AS section, p.slug, d.anchor, d.title,
            coalesce(nullif(d.heading, ''), d.title) AS heading, d.body, d.markdown
       FROM docs_passages d
       JOIN docs_pages p ON p.id = d.page_id AND p._status = 'published'
      CROSS JOIN q
      WHERE docs_search_vector(d.heading, d.title, d.body) @@ q.query
      ORDER BY ts_rank(docs_search_vector(d.heading, d.title, d.body), q.query, 1) DESC,
               d.page_id, d.position
      LIMIT $2`,
    [words, limit],
  )
  return rows.map((row) => ({
    pageId: row.page_id,
    title: row.title,
    heading: row.heading,
    href: `${docsPath(row)}${row.anchor ? `#${row.anchor}` : ''}`,
    text: row.body,
    markdown: row.markdown,
  }))
}
