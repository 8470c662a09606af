import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'showcase.maker_invited';
  ALTER TABLE "showcase_projects" ADD COLUMN "pending_revision" jsonb;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_notification_preferences_settings_type";
  CREATE TYPE "public"."enum_notification_preferences_settings_type" AS ENUM('api_key.created', 'api_key.revoked', 'api_key.expiring', 'usage.limit_reached', 'webhook_endpoint.disabled', 'organization.invitation_received', 'organization.role_changed', 'model.published', 'model.version_published', 'model.starred', 'model.forked', 'incident.created', 'incident.updated', 'incident.resolved', 'maintenance.scheduled', 'maintenance.started', 'maintenance.completed', 'community.mentioned', 'community.replied', 'community.answer_accepted', 'showcase.reviewed');
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE "public"."enum_notification_preferences_settings_type" USING "type"::"public"."enum_notification_preferences_settings_type";
  ALTER TABLE "showcase_projects" DROP COLUMN "pending_revision";`)
}
