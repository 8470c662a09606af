import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Login sessions, one row each (src/lib/auth/sessions.ts): a login inserts, a logout deletes its
// own, so concurrent logins never overwrite one another as Payload's sessions array did.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "user_sessions" (
      "id" uuid PRIMARY KEY,
      "user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "last_seen_at" timestamptz NOT NULL DEFAULT now(),
      "ip" text,
      "user_agent" text
    );
    CREATE INDEX IF NOT EXISTS "user_sessions_user_idx" ON "user_sessions" ("user_id", "expires_at");
    CREATE INDEX IF NOT EXISTS "user_sessions_expires_idx" ON "user_sessions" ("expires_at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "user_sessions";`)
}
