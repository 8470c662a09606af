import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { db as queryable } from '../src/lib/db'
import { reindexAllDocsPages } from '../src/lib/docs/searchIndex'

// Full-text search over published docs pages (src/lib/docs/searchIndex.ts): plain tables kept by
// the docs-pages hook, one row per page and one per h2/h3 section, under GIN expression indexes
// of one weighted vector function (A, B, C). Then the pages already published are indexed.
export async function up({ db, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE FUNCTION docs_search_vector(a text, b text, c text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(a, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(b, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(c, '')), 'C')
      $$;

    CREATE TABLE docs_search (
      page_id integer PRIMARY KEY REFERENCES docs_pages (id) ON DELETE CASCADE,
      title text NOT NULL,
      summary text NOT NULL,
      body text NOT NULL,
      indexed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX docs_search_vector_idx ON docs_search
      USING gin (docs_search_vector(title, summary, body));

    CREATE TABLE docs_passages (
      page_id integer NOT NULL REFERENCES docs_pages (id) ON DELETE CASCADE,
      position integer NOT NULL,
      anchor text,
      heading text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      markdown text NOT NULL,
      PRIMARY KEY (page_id, position)
    );
    CREATE INDEX docs_passages_vector_idx ON docs_passages
      USING gin (docs_search_vector(heading, title, body));
  `)
  await reindexAllDocsPages(await queryable(req))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TABLE IF EXISTS docs_passages;
    DROP TABLE IF EXISTS docs_search;
    DROP FUNCTION IF EXISTS docs_search_vector(text, text, text);
  `)
}
