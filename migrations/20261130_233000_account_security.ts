import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.login';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.login_failed';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.two_factor_enabled';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.two_factor_disabled';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.recovery_codes_generated';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.recovery_code_used';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.passkey_added';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.passkey_renamed';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.passkey_removed';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.password_changed';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.email_changed';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'auth.session_ended';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'webhook.created';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'webhook.updated';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'webhook.deleted';
  ALTER TABLE "organizations" ADD COLUMN "require_two_factor" boolean DEFAULT false;
  ALTER TABLE "audit_logs" ADD COLUMN "user_agent" varchar;`)

  // Second factors and login challenges (src/lib/auth/twoFactor.ts, passkeys.ts, challenges.ts):
  // tables of their own, written with single-statement SQL so that a code is used once and a
  // challenge counts its attempts whatever the concurrency, and so that the user row Payload
  // rewrites on every login never carries them.
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "user_totp" (
      "user_id" integer PRIMARY KEY REFERENCES "users"("id") ON DELETE CASCADE,
      "secret" text,
      "enabled_at" timestamptz,
      "pending_secret" text,
      "pending_at" timestamptz,
      "last_time_step" bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS "user_recovery_codes" (
      "id" serial PRIMARY KEY,
      "user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "code_hash" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "used_at" timestamptz,
      UNIQUE ("user_id", "code_hash")
    );
    CREATE TABLE IF NOT EXISTS "user_passkeys" (
      "id" uuid PRIMARY KEY,
      "user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "credential_id" text NOT NULL UNIQUE,
      "public_key" bytea NOT NULL,
      "counter" bigint NOT NULL DEFAULT 0,
      "transports" text[] NOT NULL DEFAULT '{}',
      "device_type" text,
      "is_backed_up" boolean NOT NULL DEFAULT false,
      "name" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz
    );
    CREATE INDEX IF NOT EXISTS "user_passkeys_user_idx" ON "user_passkeys" ("user_id");
    CREATE TABLE IF NOT EXISTS "login_challenges" (
      "id" uuid PRIMARY KEY,
      "token_hash" text NOT NULL UNIQUE,
      "purpose" text NOT NULL,
      "user_id" integer REFERENCES "users"("id") ON DELETE CASCADE,
      "webauthn_challenge" text,
      "attempts" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS "login_challenges_expires_idx" ON "login_challenges" ("expires_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP TABLE IF EXISTS "login_challenges";
    DROP TABLE IF EXISTS "user_passkeys";
    DROP TABLE IF EXISTS "user_recovery_codes";
    DROP TABLE IF EXISTS "user_totp";`)
  await db.execute(sql`
   ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('api_key.created', 'api_key.updated', 'api_key.rotated', 'api_key.revoked', 'api_key.deleted');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  ALTER TABLE "organizations" DROP COLUMN "require_two_factor";
  ALTER TABLE "audit_logs" DROP COLUMN "user_agent";`)
}
