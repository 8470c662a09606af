import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Plain tables for the status page's automatic checks (src/lib/status/run.ts): every result, and
// per component and UTC day the counts the 90-day bars and uptime percentages are read from,
// kept in the same transaction as each result so the two always agree.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE status_checks (
      id bigserial PRIMARY KEY,
      component_id integer NOT NULL REFERENCES status_components (id) ON DELETE CASCADE,
      check_id varchar NOT NULL,
      checked_at timestamptz NOT NULL,
      ok boolean NOT NULL,
      is_degraded boolean NOT NULL DEFAULT false,
      latency_ms integer,
      error text
    );
    CREATE INDEX status_checks_check_time_idx
      ON status_checks (component_id, check_id, checked_at DESC);
    CREATE INDEX status_checks_component_time_idx ON status_checks (component_id, checked_at);

    CREATE TABLE status_check_days (
      component_id integer NOT NULL REFERENCES status_components (id) ON DELETE CASCADE,
      day date NOT NULL,
      total integer NOT NULL,
      ok integer NOT NULL,
      degraded integer NOT NULL,
      latency_ms_sum bigint NOT NULL,
      latency_count integer NOT NULL,
      PRIMARY KEY (component_id, day)
    );
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TABLE IF EXISTS status_check_days;
    DROP TABLE IF EXISTS status_checks;
  `)
}
