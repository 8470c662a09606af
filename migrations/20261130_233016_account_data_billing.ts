import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_invoices_plan" AS ENUM('free', 'starter', 'pro', 'enterprise');
  CREATE TYPE "public"."enum_invoices_status" AS ENUM('open', 'paid', 'void');
  CREATE TABLE "invoices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"number" varchar NOT NULL,
  	"account" varchar NOT NULL,
  	"owner_id" integer,
  	"organization_id" integer,
  	"period_start" timestamp(3) with time zone NOT NULL,
  	"period_end" timestamp(3) with time zone NOT NULL,
  	"plan" "enum_invoices_plan",
  	"status" "enum_invoices_status" DEFAULT 'open' NOT NULL,
  	"paid_at" timestamp(3) with time zone,
  	"currency" varchar DEFAULT 'usd',
  	"subtotal_cents" numeric,
  	"total_cents" numeric NOT NULL,
  	"lines" jsonb,
  	"billed_to" jsonb,
  	"provider" varchar,
  	"provider_ref" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "invoices_id" integer;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("number");
  CREATE INDEX "invoices_account_idx" ON "invoices" USING btree ("account");
  CREATE INDEX "invoices_owner_idx" ON "invoices" USING btree ("owner_id");
  CREATE INDEX "invoices_organization_idx" ON "invoices" USING btree ("organization_id");
  CREATE INDEX "invoices_period_start_idx" ON "invoices" USING btree ("period_start");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("invoices_id");`)

  // Plain tables (src/lib/accountData, src/lib/billing): account exports and deletions, billing
  // profiles, plan changes with their proration, and the gapless invoice counter.
  await db.execute(sql`
    CREATE UNIQUE INDEX invoices_account_period_idx ON invoices (account, period_start);
    CREATE TABLE account_exports (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
      archive jsonb,
      token_hash text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      expires_at timestamptz,
      downloaded_at timestamptz
    );
    CREATE INDEX account_exports_user_idx ON account_exports (user_id, created_at DESC);
    -- One export in preparation per account, even when two requests race.
    CREATE UNIQUE INDEX account_exports_pending_idx ON account_exports (user_id)
      WHERE status = 'pending';
    CREATE TABLE account_deletions (
      user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      requested_at timestamptz NOT NULL,
      purge_after timestamptz NOT NULL,
      reason text,
      cancelled_at timestamptz
    );
    CREATE INDEX account_deletions_due_idx ON account_deletions (purge_after)
      WHERE cancelled_at IS NULL;
    CREATE TABLE billing_profiles (
      account text PRIMARY KEY CHECK (account ~ '^[uo][1-9][0-9]*$'),
      provider text NOT NULL DEFAULT 'manual' CHECK (provider IN ('manual', 'stripe')),
      customer_ref text UNIQUE,
      legal_name text,
      email text,
      address text,
      country text,
      tax_id text,
      payment_method text,
      cancel_at_period_end boolean NOT NULL DEFAULT false,
      cancel_reason text,
      cancel_requested_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE billing_plan_changes (
      id serial PRIMARY KEY,
      account text NOT NULL,
      from_plan text NOT NULL,
      to_plan text NOT NULL,
      changed_at timestamptz NOT NULL,
      period_start timestamptz NOT NULL,
      amount_cents integer NOT NULL,
      actor_id integer REFERENCES users (id) ON DELETE SET NULL
    );
    CREATE INDEX billing_plan_changes_account_idx ON billing_plan_changes (account, changed_at);
    CREATE TABLE invoice_numbers (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      last integer NOT NULL DEFAULT 0
    );
    INSERT INTO invoice_numbers (id, last) VALUES (true, 0);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE IF EXISTS account_exports, account_deletions, billing_profiles, billing_plan_changes, invoice_numbers;
   ALTER TABLE "invoices" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "invoices" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_invoices_fk";
  
  DROP INDEX "payload_locked_documents_rels_invoices_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "invoices_id";
  DROP TYPE "public"."enum_invoices_plan";
  DROP TYPE "public"."enum_invoices_status";`)
}
