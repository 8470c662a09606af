import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Plain tables (not collections) for high-volume key usage: raw events, written in batches,
// and their per-minute/hour/day roll-ups, kept up to date by the usage__rollup job.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "usage_events" (
      "id" bigserial PRIMARY KEY,
      "occurred_at" timestamptz NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "kind" text NOT NULL CHECK ("kind" IN ('verify', 'report')),
      "key_id" integer,
      "account" text,
      "scope" text,
      "resource" text,
      "cost" integer,
      "code" text,
      "ip" text,
      "endpoint" text,
      "method" text,
      "status" integer,
      "latency_ms" integer,
      "region" text
    );
    CREATE INDEX IF NOT EXISTS "usage_events_key_time_idx" ON "usage_events" ("key_id", "occurred_at");
    CREATE INDEX IF NOT EXISTS "usage_events_occurred_idx" ON "usage_events" USING brin ("occurred_at");
    CREATE INDEX IF NOT EXISTS "usage_events_recorded_idx" ON "usage_events" USING brin ("recorded_at");

    CREATE TABLE IF NOT EXISTS "usage_rollups" (
      "granularity" text NOT NULL CHECK ("granularity" IN ('minute', 'hour', 'day')),
      "bucket" timestamptz NOT NULL,
      "key_id" integer NOT NULL,
      "account" text NOT NULL,
      "kind" text NOT NULL,
      "outcome" text NOT NULL,
      "requests" bigint NOT NULL,
      "cost" bigint NOT NULL,
      "latency_ms_sum" bigint NOT NULL DEFAULT 0,
      PRIMARY KEY ("granularity", "key_id", "bucket", "kind", "outcome")
    );
    CREATE INDEX IF NOT EXISTS "usage_rollups_account_idx" ON "usage_rollups" ("granularity", "account", "bucket");

    CREATE TABLE IF NOT EXISTS "usage_rollup_watermarks" (
      "granularity" text PRIMARY KEY,
      "recorded_until" timestamptz NOT NULL
    );
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TABLE IF EXISTS "usage_rollup_watermarks";
    DROP TABLE IF EXISTS "usage_rollups";
    DROP TABLE IF EXISTS "usage_events";
  `)
}
