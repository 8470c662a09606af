import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Which consumer has consumed which outbox event (src/lib/events/fanout.ts): written in the same
// transaction as the consumer's work, so each consumer gets each event exactly once.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "event_consumptions" (
      "event_id" integer NOT NULL REFERENCES "webhook_events"("id") ON DELETE CASCADE,
      "consumer" text NOT NULL,
      "consumed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("event_id", "consumer")
    );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "event_consumptions";`)
}
