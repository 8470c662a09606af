import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_status_subscribers_scope" AS ENUM('all', 'some');
  ALTER TABLE "status_incidents" ADD COLUMN "check_report" varchar;
  ALTER TABLE "status_subscribers" ADD COLUMN "scope" "enum_status_subscribers_scope" DEFAULT 'all';`)
  // Drafts the checks wrote before: what the check saw moves to the staff-only report, and the
  // public update names the component only (it would go public with the draft).
  await db.execute(sql`
   UPDATE "status_incidents" i SET "check_report" = u."message"
     FROM "status_incidents_updates" u
    WHERE u."_parent_id" = i."id" AND u."_order" = 1 AND i."source" = 'checks'
      AND u."message" LIKE 'Automatic checks failed %';
   UPDATE "status_incidents_updates" u
      SET "message" = 'Automatic checks found ' || regexp_replace(i."title", ': [^:]*$', '')
                      || ' failing. We are investigating.'
     FROM "status_incidents" i
    WHERE u."_parent_id" = i."id" AND u."_order" = 1 AND i."source" = 'checks'
      AND u."message" LIKE 'Automatic checks failed %';`)
  // Subscribers who chose components until now are subscribers of some.
  await db.execute(sql`
   UPDATE "status_subscribers" s SET "scope" = 'some'
    WHERE EXISTS (SELECT 1 FROM "status_subscribers_rels" r
                   WHERE r."parent_id" = s."id" AND r."path" = 'components');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "status_incidents" DROP COLUMN "check_report";
  ALTER TABLE "status_subscribers" DROP COLUMN "scope";
  DROP TYPE "public"."enum_status_subscribers_scope";`)
}
