import type { Queryable } from '../db'
import { toMarkdown } from './markdown'
import type { LexicalBody, LexicalNode } from './nodes'
import { plainText } from './plainText'
import { tableOfContents } from './toc'

/**
 * The docs' search index: plain tables (migrations/…_docs_search.ts) holding the text of each
 * *published* page — `docs_search`, one row per page (title, summary, body text), and
 * `docs_passages`, one row per h2/h3 section for the assistant — each under a GIN index on
 * `docs_search_vector(…)`. They are rebuilt from the page's row in `docs_pages` whenever a page
 * changes (collections/DocsPages/hooks/searchIndex.ts). That row holds the published version
 * only (a draft saved over a published page goes to the versions table), so a draft's text
 * never gets in: a page that is not published has no rows.
 */

/** One section of a page: the text between a heading and the next, with the heading's id. */
export type IndexedPassage = {
  position: number
  /** The id the page renders on the heading (src/lib/docs/toc.ts); null for the introduction. */
  anchor: string | null
  /** The heading's text; '' for the introduction (the page's title is searched with each). */
  heading: string
  text: string
  markdown: string
}

/** A page split at its h2 and h3 headings; the part before the first is its introduction. */
export function passagesOf(body: LexicalBody): IndexedPassage[] {
  const headings = tableOfContents(body as never)
  const groups: { anchor: string | null; heading: string; nodes: LexicalNode[] }[] = [
    { anchor: null, heading: '', nodes: [] },
  ]
  let next = 0
  for (const node of body?.root.children ?? []) {
    if (node.type === 'heading' && (node.tag === 'h2' || node.tag === 'h3')) {
      const entry = headings[next++]
      groups.push({ anchor: entry.id, heading: entry.text, nodes: [] })
    } else {
      groups[groups.length - 1].nodes.push(node)
    }
  }
  return groups
    .map((group) => ({
      anchor: group.anchor,
      heading: group.heading,
      text: plainText(group.nodes),
      markdown: toMarkdown(group.nodes, { baseUrl: '' }),
    }))
    .filter((passage) => passage.text !== '')
    .map((passage, position) => ({ position, ...passage }))
}

type PageRow = { id: number; title: string; summary: string; body: LexicalBody; status: string }

/**
 * Rebuilds the index rows of page `id` from its row in `docs_pages`: the published text, or
 * nothing when it is not published (or gone). Run inside the writer's transaction.
 */
export async function reindexDocsPage(db: Queryable, id: number): Promise<void> {
  // Locked: two saves of one page (autosaves) rebuild its rows one after the other.
  const { rows } = await db.query<PageRow>(
    `SELECT id, title, summary, body, _status AS status FROM docs_pages WHERE id = $1 FOR UPDATE`,
    [id],
  )
  const page = rows[0]
  await db.query(`DELETE FROM docs_passages WHERE page_id = $1`, [id])
  if (!page || page.status !== 'published') {
    await db.query(`DELETE FROM docs_search WHERE page_id = $1`, [id])
    return
  }
  const title = page.title ?? ''
  const summary = page.summary ?? ''
  await db.query(
    `INSERT INTO docs_search (page_id, title, summary, body, indexed_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (page_id) DO UPDATE
       SET title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body,
           indexed_at = EXCLUDED.indexed_at`,
    [id, title, summary, plainText(page.body?.root.children ?? [])],
  )
  const passages = passagesOf(page.body)
  if (passages.length === 0) return
  // The rows travel as one JSON array (not Postgres arrays), so any driver binds them the same.
  await db.query(
    `INSERT INTO docs_passages (page_id, position, anchor, heading, title, body, markdown)
     SELECT $1, p.position, p.anchor, p.heading, $2, p.text, p.markdown
       FROM json_to_recordset($3::json)
         AS p(position int, anchor text, heading text, text text, markdown text)`,
    [id, title, JSON.stringify(passages)],
  )
}

/** Rebuilds the whole index (after a migration, or when the text extraction changed). */
export async function reindexAllDocsPages(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM docs_pages ORDER BY id`)
  for (const { id } of rows) await reindexDocsPage(db, id)
  return rows.length
}
