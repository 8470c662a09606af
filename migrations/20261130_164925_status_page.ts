import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_status_components_checks_type" AS ENUM('http', 'tcp', 'internal');
  CREATE TYPE "public"."enum_status_components_checks_method" AS ENUM('GET', 'HEAD', 'POST');
  CREATE TYPE "public"."enum_status_components_checks_target" AS ENUM('postgres', 'redis', 'worker', 'verifier', 'mail');
  CREATE TYPE "public"."enum_status_components_state" AS ENUM('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance');
  CREATE TYPE "public"."enum_status_incidents_components_state" AS ENUM('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance');
  CREATE TYPE "public"."enum_status_incidents_updates_status" AS ENUM('investigating', 'identified', 'monitoring', 'resolved');
  CREATE TYPE "public"."enum_status_incidents_impact" AS ENUM('none', 'minor', 'major', 'critical');
  CREATE TYPE "public"."enum_status_incidents_publication" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_status_incidents_status" AS ENUM('investigating', 'identified', 'monitoring', 'resolved');
  CREATE TYPE "public"."enum_status_incidents_source" AS ENUM('staff', 'checks');
  CREATE TYPE "public"."enum_status_maintenances_status" AS ENUM('scheduled', 'in_progress', 'verifying', 'completed');
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'incident.created';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'incident.updated';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'incident.resolved';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'maintenance.scheduled';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'maintenance.started';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'maintenance.completed';
  CREATE TABLE "status_components_checks" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"type" "enum_status_components_checks_type" DEFAULT 'http' NOT NULL,
  	"enabled" boolean DEFAULT true,
  	"url" varchar,
  	"method" "enum_status_components_checks_method" DEFAULT 'GET',
  	"expected_status" numeric DEFAULT 200,
  	"body_match" varchar,
  	"host" varchar,
  	"port" numeric,
  	"target" "enum_status_components_checks_target",
  	"interval_seconds" numeric DEFAULT 60 NOT NULL,
  	"timeout_ms" numeric DEFAULT 10000 NOT NULL,
  	"degraded_above_ms" numeric
  );
  
  CREATE TABLE "status_components" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"description" varchar,
  	"group" varchar,
  	"order" numeric DEFAULT 100 NOT NULL,
  	"state" "enum_status_components_state" DEFAULT 'operational' NOT NULL,
  	"is_manual" boolean DEFAULT false,
  	"is_public" boolean DEFAULT true,
  	"state_changed_at" timestamp(3) with time zone,
  	"failures_to_outage" numeric DEFAULT 3 NOT NULL,
  	"recoveries_to_operational" numeric DEFAULT 2 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "status_incidents_components" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"component_id" integer NOT NULL,
  	"state" "enum_status_incidents_components_state" DEFAULT 'partial_outage' NOT NULL
  );
  
  CREATE TABLE "status_incidents_updates" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"status" "enum_status_incidents_updates_status" DEFAULT 'investigating' NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"notify" boolean DEFAULT true,
  	"message" varchar NOT NULL
  );
  
  CREATE TABLE "status_incidents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"impact" "enum_status_incidents_impact" DEFAULT 'minor' NOT NULL,
  	"publication" "enum_status_incidents_publication" DEFAULT 'published' NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"status" "enum_status_incidents_status",
  	"resolved_at" timestamp(3) with time zone,
  	"published_at" timestamp(3) with time zone,
  	"source" "enum_status_incidents_source" DEFAULT 'staff',
  	"postmortem" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "status_maintenances" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"scheduled_start" timestamp(3) with time zone NOT NULL,
  	"scheduled_end" timestamp(3) with time zone NOT NULL,
  	"status" "enum_status_maintenances_status" DEFAULT 'scheduled' NOT NULL,
  	"is_automatic" boolean DEFAULT true,
  	"notify" boolean DEFAULT true,
  	"started_at" timestamp(3) with time zone,
  	"completed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "status_maintenances_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"status_components_id" integer
  );
  
  CREATE TABLE "status_subscribers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"email" varchar NOT NULL,
  	"confirmed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "status_subscribers_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"status_components_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "status_components_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "status_incidents_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "status_maintenances_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "status_subscribers_id" integer;
  ALTER TABLE "status_components_checks" ADD CONSTRAINT "status_components_checks_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_incidents_components" ADD CONSTRAINT "status_incidents_components_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "status_incidents_components" ADD CONSTRAINT "status_incidents_components_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_incidents_updates" ADD CONSTRAINT "status_incidents_updates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_maintenances_rels" ADD CONSTRAINT "status_maintenances_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."status_maintenances"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_maintenances_rels" ADD CONSTRAINT "status_maintenances_rels_status_components_fk" FOREIGN KEY ("status_components_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_subscribers_rels" ADD CONSTRAINT "status_subscribers_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."status_subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "status_subscribers_rels" ADD CONSTRAINT "status_subscribers_rels_status_components_fk" FOREIGN KEY ("status_components_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "status_components_checks_order_idx" ON "status_components_checks" USING btree ("_order");
  CREATE INDEX "status_components_checks_parent_id_idx" ON "status_components_checks" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "status_components_slug_idx" ON "status_components" USING btree ("slug");
  CREATE INDEX "status_components_state_idx" ON "status_components" USING btree ("state");
  CREATE INDEX "status_components_is_public_idx" ON "status_components" USING btree ("is_public");
  CREATE INDEX "status_components_updated_at_idx" ON "status_components" USING btree ("updated_at");
  CREATE INDEX "status_components_created_at_idx" ON "status_components" USING btree ("created_at");
  CREATE INDEX "status_incidents_components_order_idx" ON "status_incidents_components" USING btree ("_order");
  CREATE INDEX "status_incidents_components_parent_id_idx" ON "status_incidents_components" USING btree ("_parent_id");
  CREATE INDEX "status_incidents_components_component_idx" ON "status_incidents_components" USING btree ("component_id");
  CREATE INDEX "status_incidents_updates_order_idx" ON "status_incidents_updates" USING btree ("_order");
  CREATE INDEX "status_incidents_updates_parent_id_idx" ON "status_incidents_updates" USING btree ("_parent_id");
  CREATE INDEX "status_incidents_publication_idx" ON "status_incidents" USING btree ("publication");
  CREATE INDEX "status_incidents_started_at_idx" ON "status_incidents" USING btree ("started_at");
  CREATE INDEX "status_incidents_status_idx" ON "status_incidents" USING btree ("status");
  CREATE INDEX "status_incidents_resolved_at_idx" ON "status_incidents" USING btree ("resolved_at");
  CREATE INDEX "status_incidents_updated_at_idx" ON "status_incidents" USING btree ("updated_at");
  CREATE INDEX "status_incidents_created_at_idx" ON "status_incidents" USING btree ("created_at");
  CREATE INDEX "status_maintenances_scheduled_start_idx" ON "status_maintenances" USING btree ("scheduled_start");
  CREATE INDEX "status_maintenances_scheduled_end_idx" ON "status_maintenances" USING btree ("scheduled_end");
  CREATE INDEX "status_maintenances_status_idx" ON "status_maintenances" USING btree ("status");
  CREATE INDEX "status_maintenances_updated_at_idx" ON "status_maintenances" USING btree ("updated_at");
  CREATE INDEX "status_maintenances_created_at_idx" ON "status_maintenances" USING btree ("created_at");
  CREATE INDEX "status_maintenances_rels_order_idx" ON "status_maintenances_rels" USING btree ("order");
  CREATE INDEX "status_maintenances_rels_parent_idx" ON "status_maintenances_rels" USING btree ("parent_id");
  CREATE INDEX "status_maintenances_rels_path_idx" ON "status_maintenances_rels" USING btree ("path");
  CREATE INDEX "status_maintenances_rels_status_components_id_idx" ON "status_maintenances_rels" USING btree ("status_components_id");
  CREATE UNIQUE INDEX "status_subscribers_email_idx" ON "status_subscribers" USING btree ("email");
  CREATE INDEX "status_subscribers_confirmed_at_idx" ON "status_subscribers" USING btree ("confirmed_at");
  CREATE INDEX "status_subscribers_updated_at_idx" ON "status_subscribers" USING btree ("updated_at");
  CREATE INDEX "status_subscribers_created_at_idx" ON "status_subscribers" USING btree ("created_at");
  CREATE INDEX "status_subscribers_rels_order_idx" ON "status_subscribers_rels" USING btree ("order");
  CREATE INDEX "status_subscribers_rels_parent_idx" ON "status_subscribers_rels" USING btree ("parent_id");
  CREATE INDEX "status_subscribers_rels_path_idx" ON "status_subscribers_rels" USING btree ("path");
  CREATE INDEX "status_subscribers_rels_status_components_id_idx" ON "status_subscribers_rels" USING btree ("status_components_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_status_components_fk" FOREIGN KEY ("status_components_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_status_incidents_fk" FOREIGN KEY ("status_incidents_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_status_maintenances_fk" FOREIGN KEY ("status_maintenances_id") REFERENCES "public"."status_maintenances"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_status_subscribers_fk" FOREIGN KEY ("status_subscribers_id") REFERENCES "public"."status_subscribers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_status_components_id_idx" ON "payload_locked_documents_rels" USING btree ("status_components_id");
  CREATE INDEX "payload_locked_documents_rels_status_incidents_id_idx" ON "payload_locked_documents_rels" USING btree ("status_incidents_id");
  CREATE INDEX "payload_locked_documents_rels_status_maintenances_id_idx" ON "payload_locked_documents_rels" USING btree ("status_maintenances_id");
  CREATE INDEX "payload_locked_documents_rels_status_subscribers_id_idx" ON "payload_locked_documents_rels" USING btree ("status_subscribers_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "status_components_checks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_components" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_incidents_components" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_incidents_updates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_incidents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_maintenances" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_maintenances_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_subscribers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "status_subscribers_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "status_components_checks" CASCADE;
  DROP TABLE "status_components" CASCADE;
  DROP TABLE "status_incidents_components" CASCADE;
  DROP TABLE "status_incidents_updates" CASCADE;
  DROP TABLE "status_incidents" CASCADE;
  DROP TABLE "status_maintenances" CASCADE;
  DROP TABLE "status_maintenances_rels" CASCADE;
  DROP TABLE "status_subscribers" CASCADE;
  DROP TABLE "status_subscribers_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_status_components_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_status_incidents_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_status_maintenances_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_status_subscribers_fk";
  
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_notification_preferences_settings_type";
  CREATE TYPE "public"."enum_notification_preferences_settings_type" AS ENUM('api_key.created', 'api_key.revoked', 'api_key.expiring', 'usage.limit_reached', 'webhook_endpoint.disabled', 'organization.invitation_received', 'organization.role_changed');
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE "public"."enum_notification_preferences_settings_type" USING "type"::"public"."enum_notification_preferences_settings_type";
  DROP INDEX "payload_locked_documents_rels_status_components_id_idx";
  DROP INDEX "payload_locked_documents_rels_status_incidents_id_idx";
  DROP INDEX "payload_locked_documents_rels_status_maintenances_id_idx";
  DROP INDEX "payload_locked_documents_rels_status_subscribers_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "status_components_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "status_incidents_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "status_maintenances_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "status_subscribers_id";
  DROP TYPE "public"."enum_status_components_checks_type";
  DROP TYPE "public"."enum_status_components_checks_method";
  DROP TYPE "public"."enum_status_components_checks_target";
  DROP TYPE "public"."enum_status_components_state";
  DROP TYPE "public"."enum_status_incidents_components_state";
  DROP TYPE "public"."enum_status_incidents_updates_status";
  DROP TYPE "public"."enum_status_incidents_impact";
  DROP TYPE "public"."enum_status_incidents_publication";
  DROP TYPE "public"."enum_status_incidents_status";
  DROP TYPE "public"."enum_status_incidents_source";
  DROP TYPE "public"."enum_status_maintenances_status";`)
}
