import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The model hub's plain tables and search (src/lib/models/downloads.ts, src/data/models.ts):
// - full-text search over name (A), summary and tags (B) and card (C) under a GIN expression
//   index of one weighted vector function;
// - download counting: one mark per model, UTC day and subject (person, organization key or
//   hashed address), pruned after a day, and the daily roll-up the charts and trending read;
// - indexes for the browse page's sorts and metric thresholds.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE FUNCTION model_search_vector(a text, b text, c text, d text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(a, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(b, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(c, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(d, '')), 'C')
      $$;
    CREATE INDEX ml_models_search_idx ON ml_models
      USING gin (model_search_vector(name, summary, tags_text, card));

    CREATE TABLE model_download_marks (
      model_id integer NOT NULL REFERENCES ml_models (id) ON DELETE CASCADE,
      day date NOT NULL,
      subject text NOT NULL,
      PRIMARY KEY (model_id, day, subject)
    );
    CREATE INDEX model_download_marks_day_idx ON model_download_marks (day);

    CREATE TABLE model_download_days (
      model_id integer NOT NULL REFERENCES ml_models (id) ON DELETE CASCADE,
      day date NOT NULL,
      downloads integer NOT NULL DEFAULT 0,
      PRIMARY KEY (model_id, day)
    );

    CREATE INDEX ml_models_metrics_lookup_idx ON ml_models_metrics (name, dataset, value);
    CREATE INDEX ml_models_browse_idx ON ml_models (status, visibility, trending DESC, id DESC);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP INDEX IF EXISTS ml_models_browse_idx;
    DROP INDEX IF EXISTS ml_models_metrics_lookup_idx;
    DROP TABLE IF EXISTS model_download_days;
    DROP TABLE IF EXISTS model_download_marks;
    DROP INDEX IF EXISTS ml_models_search_idx;
    DROP FUNCTION IF EXISTS model_search_vector(text, text, text, text);
  `)
}
