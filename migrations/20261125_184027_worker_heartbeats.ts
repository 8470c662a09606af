import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Plain table (not a collection): one row per running worker process, for /api/health.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "worker_heartbeats" (
      "worker_id" text PRIMARY KEY,
      "hostname" text NOT NULL,
      "started_at" timestamptz NOT NULL DEFAULT now(),
      "beat_at" timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS "worker_heartbeats_beat_at_idx" ON "worker_heartbeats" ("beat_at");
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "worker_heartbeats";`)
}
