import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The forum's plain tables and indexes (src/lib/forum): one upvote per member and feature request,
// who watches which discussion, full-text search over discussions (title weighted above body,
// one immutable vector function under a GIN expression index), and the orderings the thread and
// list pages read.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE forum_votes (
      discussion_id integer NOT NULL REFERENCES discussions (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (discussion_id, user_id)
    );
    CREATE TABLE forum_watches (
      discussion_id integer NOT NULL REFERENCES discussions (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (discussion_id, user_id)
    );
    CREATE INDEX forum_watches_user_idx ON forum_watches (user_id);

    CREATE FUNCTION forum_search_vector(title text, body text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
      $$;
    CREATE INDEX discussions_search_idx ON discussions
      USING gin (forum_search_vector(title, body));

    CREATE INDEX replies_thread_order_idx ON replies (discussion_id, created_at, id);
    CREATE INDEX discussions_list_activity_idx
      ON discussions (moderation_state, is_pinned DESC, last_activity_at DESC, id DESC);
    CREATE INDEX reactions_reply_kind_idx ON reactions (reply_id, reaction) WHERE reply_id IS NOT NULL;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP INDEX IF EXISTS reactions_reply_kind_idx;
    DROP INDEX IF EXISTS discussions_list_activity_idx;
    DROP INDEX IF EXISTS replies_thread_order_idx;
    DROP INDEX IF EXISTS discussions_search_idx;
    DROP FUNCTION IF EXISTS forum_search_vector(text, text);
    DROP TABLE IF EXISTS forum_watches;
    DROP TABLE IF EXISTS forum_votes;
  `)
}
