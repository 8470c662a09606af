import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Stripe events already applied, by Stripe's event id: a replayed or retried delivery of one
 * is acknowledged and changes nothing (the row commits with the change it made). Outside
 * Payload's schema, like billing_plan_changes: only the webhook reads and writes it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE stripe_events (
      id text PRIMARY KEY,
      type text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS stripe_events;`)
}
