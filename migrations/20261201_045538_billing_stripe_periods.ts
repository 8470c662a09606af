import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Whether Stripe billed an account for a (past) period, as Stripe answered the monthly invoice
 * job: kept so the hourly job asks Stripe once per account and period. Outside Payload's
 * schema, like stripe_events: only the invoice job reads and writes it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE billing_stripe_periods (
      account text NOT NULL,
      period_start timestamptz NOT NULL,
      billed boolean NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account, period_start)
    );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS billing_stripe_periods;`)
}
