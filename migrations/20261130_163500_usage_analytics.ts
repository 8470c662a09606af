import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Analytics over key usage (src/lib/analytics): the country of each event's address, indexes for
// the request log, and the roll-ups the charts read, kept by the same usage__rollup run and
// watermarks as usage_rollups (src/lib/usage/rollup.ts). In the new roll-ups, key_id 0 stands
// for every key of the account (account-wide rows, so account charts merge few rows).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    ALTER TABLE "usage_events" ADD COLUMN IF NOT EXISTS "country" text;

    -- Roll-ups read the events of a time range (occurred_at) and those recorded since their
    -- watermark (recorded_at) every minute. BRIN indexes served that badly: once VACUUM has
    -- recorded the free space left in old pages, new rows land there, and each such page
    -- widens its block range to "now", so a look at the last minute reads most of the table.
    CREATE INDEX IF NOT EXISTS "usage_events_occurred_at_idx" ON "usage_events" ("occurred_at");
    CREATE INDEX IF NOT EXISTS "usage_events_recorded_at_idx" ON "usage_events" ("recorded_at");
    DROP INDEX IF EXISTS "usage_events_occurred_idx";
    DROP INDEX IF EXISTS "usage_events_recorded_idx";

    -- The request log: an account's events newest first (keyset on occurred_at, id); its failed
    -- ones, by status and by code (small partial indexes: the errors drill-down reads them); and
    -- one client address's.
    CREATE INDEX IF NOT EXISTS "usage_events_account_time_idx"
      ON "usage_events" ("account", "occurred_at" DESC, "id" DESC);
    CREATE INDEX IF NOT EXISTS "usage_events_failed_idx"
      ON "usage_events" ("account", "occurred_at" DESC, "id" DESC)
      WHERE ("kind" = 'report' AND "status" >= 400) OR ("kind" = 'verify' AND "code" <> 'VALID');
    CREATE INDEX IF NOT EXISTS "usage_events_error_status_idx"
      ON "usage_events" ("account", "status", "occurred_at" DESC, "id" DESC)
      WHERE "kind" = 'report' AND "status" >= 400;
    CREATE INDEX IF NOT EXISTS "usage_events_refusal_code_idx"
      ON "usage_events" ("account", "code", "occurred_at" DESC, "id" DESC)
      WHERE "kind" = 'verify' AND "code" <> 'VALID';
    -- How endpoints, statuses and codes go together (a rare endpoint's 201s are rarer than
    -- either alone suggests): without it the planner misjudges filtered log pages.
    CREATE STATISTICS IF NOT EXISTS "usage_events_outcome_stats" (mcv, dependencies)
      ON "kind", "endpoint", "status", "code" FROM "usage_events";
    CREATE INDEX IF NOT EXISTS "usage_events_ip_time_idx"
      ON "usage_events" ("ip", "occurred_at" DESC, "id" DESC) WHERE "ip" IS NOT NULL;

    -- Requests per endpoint and outcome: the verification code (kind verify) or the HTTP status
    -- (kind report, as text). endpoint is "METHOD /path", '' when the event named none.
    CREATE TABLE IF NOT EXISTS "usage_endpoint_rollups" (
      "granularity" text NOT NULL CHECK ("granularity" IN ('minute', 'hour', 'day', 'week')),
      "account" text NOT NULL,
      "key_id" integer NOT NULL,
      "bucket" timestamptz NOT NULL,
      "kind" text NOT NULL,
      "endpoint" text NOT NULL,
      "outcome" text NOT NULL,
      "requests" bigint NOT NULL,
      PRIMARY KEY ("granularity", "account", "key_id", "bucket", "kind", "endpoint", "outcome")
    );

    -- Reported latencies as a mergeable histogram (src/lib/usage/sketch.ts): bins[i] holds
    -- counts[i] requests (in no particular order). endpoint '*' is every endpoint together.
    CREATE TABLE IF NOT EXISTS "usage_latency_rollups" (
      "granularity" text NOT NULL CHECK ("granularity" IN ('minute', 'hour', 'day', 'week')),
      "account" text NOT NULL,
      "key_id" integer NOT NULL,
      "bucket" timestamptz NOT NULL,
      "endpoint" text NOT NULL,
      "requests" bigint NOT NULL,
      "bins" smallint[] NOT NULL,
      "counts" integer[] NOT NULL,
      PRIMARY KEY ("granularity", "account", "key_id", "bucket", "endpoint")
    );

    -- Requests per client address and per country ('' when unknown), per key (no account-wide
    -- rows: an account's rows of a time range are next to each other, whatever their key).
    CREATE TABLE IF NOT EXISTS "usage_ip_rollups" (
      "granularity" text NOT NULL CHECK ("granularity" IN ('minute', 'hour', 'day', 'week')),
      "account" text NOT NULL,
      "key_id" integer NOT NULL,
      "bucket" timestamptz NOT NULL,
      "ip" text NOT NULL,
      "requests" bigint NOT NULL,
      PRIMARY KEY ("granularity", "account", "bucket", "key_id", "ip")
    );
    CREATE TABLE IF NOT EXISTS "usage_country_rollups" (
      "granularity" text NOT NULL CHECK ("granularity" IN ('minute', 'hour', 'day', 'week')),
      "account" text NOT NULL,
      "key_id" integer NOT NULL,
      "bucket" timestamptz NOT NULL,
      "country" text NOT NULL,
      "requests" bigint NOT NULL,
      PRIMARY KEY ("granularity", "account", "bucket", "key_id", "country")
    );

    -- Weeks (ISO, from Monday) are rolled up too, for totals over long ranges.
    ALTER TABLE "usage_rollups" DROP CONSTRAINT IF EXISTS "usage_rollups_granularity_check";
    ALTER TABLE "usage_rollups" ADD CONSTRAINT "usage_rollups_granularity_check"
      CHECK ("granularity" IN ('minute', 'hour', 'day', 'week'));

    -- Days are merged from the hours of their day, weeks from days, and pruning goes by age:
    -- all read every account's rows of a time range.
    CREATE INDEX IF NOT EXISTS "usage_rollups_bucket_idx" ON "usage_rollups" ("granularity", "bucket");
    CREATE INDEX IF NOT EXISTS "usage_endpoint_rollups_bucket_idx"
      ON "usage_endpoint_rollups" ("granularity", "bucket");
    CREATE INDEX IF NOT EXISTS "usage_latency_rollups_bucket_idx"
      ON "usage_latency_rollups" ("granularity", "bucket");
    CREATE INDEX IF NOT EXISTS "usage_ip_rollups_bucket_idx" ON "usage_ip_rollups" ("granularity", "bucket");
    CREATE INDEX IF NOT EXISTS "usage_country_rollups_bucket_idx"
      ON "usage_country_rollups" ("granularity", "bucket");

    -- The new roll-ups start empty: roll every retained event up again (idempotent for the
    -- existing usage_rollups) on the next usage__rollup run.
    DELETE FROM "usage_rollup_watermarks";
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TABLE IF EXISTS "usage_country_rollups";
    DROP TABLE IF EXISTS "usage_ip_rollups";
    DROP TABLE IF EXISTS "usage_latency_rollups";
    DROP TABLE IF EXISTS "usage_endpoint_rollups";
    DROP INDEX IF EXISTS "usage_rollups_bucket_idx";
    DELETE FROM "usage_rollups" WHERE "granularity" = 'week';
    DELETE FROM "usage_rollup_watermarks" WHERE "granularity" = 'week';
    ALTER TABLE "usage_rollups" DROP CONSTRAINT IF EXISTS "usage_rollups_granularity_check";
    ALTER TABLE "usage_rollups" ADD CONSTRAINT "usage_rollups_granularity_check"
      CHECK ("granularity" IN ('minute', 'hour', 'day'));
    DROP STATISTICS IF EXISTS "usage_events_outcome_stats";
    DROP INDEX IF EXISTS "usage_events_ip_time_idx";
    DROP INDEX IF EXISTS "usage_events_refusal_code_idx";
    DROP INDEX IF EXISTS "usage_events_error_status_idx";
    DROP INDEX IF EXISTS "usage_events_failed_idx";
    DROP INDEX IF EXISTS "usage_events_account_time_idx";
    CREATE INDEX IF NOT EXISTS "usage_events_occurred_idx" ON "usage_events" USING brin ("occurred_at");
    CREATE INDEX IF NOT EXISTS "usage_events_recorded_idx" ON "usage_events" USING brin ("recorded_at");
    DROP INDEX IF EXISTS "usage_events_recorded_at_idx";
    DROP INDEX IF EXISTS "usage_events_occurred_at_idx";
    ALTER TABLE "usage_events" DROP COLUMN IF EXISTS "country";
  `)
}
