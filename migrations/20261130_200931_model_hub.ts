import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_ml_models_compatibility_api_versions" AS ENUM('v1', 'v2');
  CREATE TYPE "public"."enum_ml_models_compatibility_sdks" AS ENUM('python', 'javascript', 'cli');
  CREATE TYPE "public"."enum_ml_models_compatibility_runtimes" AS ENUM('torch', 'onnxruntime', 'tensorflow', 'tfjs', 'coreml', 'sklearn');
  CREATE TYPE "public"."enum_ml_models_visibility" AS ENUM('public', 'organization', 'private');
  CREATE TYPE "public"."enum_ml_models_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_ml_models_task" AS ENUM('genre-classification', 'tagging', 'recommendation', 'source-separation', 'transcription', 'generation', 'embedding', 'other');
  CREATE TYPE "public"."enum_ml_models_framework" AS ENUM('pytorch', 'onnx', 'tensorflow', 'scikit-learn', 'jax', 'other');
  CREATE TYPE "public"."enum_ml_models_license" AS ENUM('Apache-2.0', 'MIT', 'BSD-3-Clause', 'CC-BY-4.0', 'CC-BY-NC-4.0', 'CC-BY-SA-4.0', 'GPL-3.0-only', 'OpenRAIL-M', 'proprietary');
  CREATE TYPE "public"."enum_ml_models_audio_output_kind" AS ENUM('labels', 'scores', 'embedding', 'audio', 'midi', 'text');
  CREATE TYPE "public"."enum_model_versions_status" AS ENUM('draft', 'scanning', 'published');
  CREATE TYPE "public"."enum_model_files_kind" AS ENUM('weights', 'config', 'readme', 'sample-audio', 'other');
  CREATE TYPE "public"."enum_model_files_upload_status" AS ENUM('pending', 'uploaded');
  CREATE TYPE "public"."enum_model_files_scan_status" AS ENUM('pending', 'clean', 'flagged', 'error');
  CREATE TYPE "public"."enum_model_files_review" AS ENUM('none', 'approved', 'rejected');
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'model.published' BEFORE 'incident.created';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'model.version_published' BEFORE 'incident.created';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'model.starred' BEFORE 'incident.created';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'model.forked' BEFORE 'incident.created';
  CREATE TABLE "ml_models_tags" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"tag" varchar NOT NULL
  );
  
  CREATE TABLE "ml_models_metrics" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"value" numeric NOT NULL,
  	"dataset" varchar NOT NULL,
  	"split" varchar DEFAULT 'test'
  );
  
  CREATE TABLE "ml_models_benchmarks" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"result" varchar NOT NULL,
  	"hardware" varchar
  );
  
  CREATE TABLE "ml_models_compatibility_api_versions" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_ml_models_compatibility_api_versions",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "ml_models_compatibility_sdks" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_ml_models_compatibility_sdks",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "ml_models_compatibility_runtimes" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_ml_models_compatibility_runtimes",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "ml_models" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"summary" varchar NOT NULL,
  	"card" varchar,
  	"owner_id" integer,
  	"organization_id" integer,
  	"owner_handle" varchar,
  	"visibility" "enum_ml_models_visibility" DEFAULT 'public' NOT NULL,
  	"status" "enum_ml_models_status" DEFAULT 'draft',
  	"task" "enum_ml_models_task" NOT NULL,
  	"framework" "enum_ml_models_framework" NOT NULL,
  	"license" "enum_ml_models_license" NOT NULL,
  	"audio_sample_rate" numeric,
  	"audio_channels" numeric,
  	"audio_input_seconds" numeric,
  	"audio_output_kind" "enum_ml_models_audio_output_kind",
  	"training_dataset" varchar,
  	"training_duration_seconds" numeric,
  	"training_hardware" varchar,
  	"training_epochs" numeric,
  	"base_model_id" integer,
  	"latest_version_id" integer,
  	"downloads" numeric DEFAULT 0,
  	"stars" numeric DEFAULT 0,
  	"forks" numeric DEFAULT 0,
  	"rating_count" numeric DEFAULT 0,
  	"rating_average" numeric DEFAULT 0,
  	"trending" numeric DEFAULT 0,
  	"published_at" timestamp(3) with time zone,
  	"tags_text" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "model_versions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"model_id" integer NOT NULL,
  	"label" varchar NOT NULL,
  	"changelog" varchar,
  	"status" "enum_model_versions_status" DEFAULT 'draft',
  	"published_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "model_files" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"model_id" integer,
  	"version_id" integer,
  	"filename" varchar,
  	"kind" "enum_model_files_kind",
  	"content_type" varchar,
  	"size" numeric,
  	"sha256" varchar,
  	"upload_status" "enum_model_files_upload_status" DEFAULT 'pending',
  	"scan_status" "enum_model_files_scan_status" DEFAULT 'pending',
  	"scan_findings" jsonb,
  	"scanned_at" timestamp(3) with time zone,
  	"review" "enum_model_files_review" DEFAULT 'none',
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"storage" varchar,
  	"storage_key" varchar,
  	"upload" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "model_stars" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"model_id" integer NOT NULL,
  	"user_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "model_ratings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"model_id" integer NOT NULL,
  	"user_id" integer,
  	"score" numeric NOT NULL,
  	"review" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "model_comments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"model_id" integer NOT NULL,
  	"author_id" integer,
  	"body" varchar NOT NULL,
  	"hidden" boolean DEFAULT false,
  	"hidden_reason" varchar,
  	"hidden_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ml_models_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "model_versions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "model_files_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "model_stars_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "model_ratings_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "model_comments_id" integer;
  ALTER TABLE "ml_models_tags" ADD CONSTRAINT "ml_models_tags_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models_metrics" ADD CONSTRAINT "ml_models_metrics_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models_benchmarks" ADD CONSTRAINT "ml_models_benchmarks_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models_compatibility_api_versions" ADD CONSTRAINT "ml_models_compatibility_api_versions_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models_compatibility_sdks" ADD CONSTRAINT "ml_models_compatibility_sdks_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models_compatibility_runtimes" ADD CONSTRAINT "ml_models_compatibility_runtimes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_base_model_id_ml_models_id_fk" FOREIGN KEY ("base_model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_latest_version_id_model_versions_id_fk" FOREIGN KEY ("latest_version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_files" ADD CONSTRAINT "model_files_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_files" ADD CONSTRAINT "model_files_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_files" ADD CONSTRAINT "model_files_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_stars" ADD CONSTRAINT "model_stars_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_stars" ADD CONSTRAINT "model_stars_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_ratings" ADD CONSTRAINT "model_ratings_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_ratings" ADD CONSTRAINT "model_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_comments" ADD CONSTRAINT "model_comments_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_comments" ADD CONSTRAINT "model_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "model_comments" ADD CONSTRAINT "model_comments_hidden_by_id_users_id_fk" FOREIGN KEY ("hidden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "ml_models_tags_order_idx" ON "ml_models_tags" USING btree ("_order");
  CREATE INDEX "ml_models_tags_parent_id_idx" ON "ml_models_tags" USING btree ("_parent_id");
  CREATE INDEX "ml_models_tags_tag_idx" ON "ml_models_tags" USING btree ("tag");
  CREATE INDEX "ml_models_metrics_order_idx" ON "ml_models_metrics" USING btree ("_order");
  CREATE INDEX "ml_models_metrics_parent_id_idx" ON "ml_models_metrics" USING btree ("_parent_id");
  CREATE INDEX "ml_models_metrics_name_idx" ON "ml_models_metrics" USING btree ("name");
  CREATE INDEX "ml_models_benchmarks_order_idx" ON "ml_models_benchmarks" USING btree ("_order");
  CREATE INDEX "ml_models_benchmarks_parent_id_idx" ON "ml_models_benchmarks" USING btree ("_parent_id");
  CREATE INDEX "ml_models_compatibility_api_versions_order_idx" ON "ml_models_compatibility_api_versions" USING btree ("order");
  CREATE INDEX "ml_models_compatibility_api_versions_parent_idx" ON "ml_models_compatibility_api_versions" USING btree ("parent_id");
  CREATE INDEX "ml_models_compatibility_sdks_order_idx" ON "ml_models_compatibility_sdks" USING btree ("order");
  CREATE INDEX "ml_models_compatibility_sdks_parent_idx" ON "ml_models_compatibility_sdks" USING btree ("parent_id");
  CREATE INDEX "ml_models_compatibility_runtimes_order_idx" ON "ml_models_compatibility_runtimes" USING btree ("order");
  CREATE INDEX "ml_models_compatibility_runtimes_parent_idx" ON "ml_models_compatibility_runtimes" USING btree ("parent_id");
  CREATE INDEX "ml_models_slug_idx" ON "ml_models" USING btree ("slug");
  CREATE INDEX "ml_models_owner_idx" ON "ml_models" USING btree ("owner_id");
  CREATE INDEX "ml_models_organization_idx" ON "ml_models" USING btree ("organization_id");
  CREATE INDEX "ml_models_owner_handle_idx" ON "ml_models" USING btree ("owner_handle");
  CREATE INDEX "ml_models_visibility_idx" ON "ml_models" USING btree ("visibility");
  CREATE INDEX "ml_models_status_idx" ON "ml_models" USING btree ("status");
  CREATE INDEX "ml_models_task_idx" ON "ml_models" USING btree ("task");
  CREATE INDEX "ml_models_framework_idx" ON "ml_models" USING btree ("framework");
  CREATE INDEX "ml_models_license_idx" ON "ml_models" USING btree ("license");
  CREATE INDEX "ml_models_audio_audio_sample_rate_idx" ON "ml_models" USING btree ("audio_sample_rate");
  CREATE INDEX "ml_models_base_model_idx" ON "ml_models" USING btree ("base_model_id");
  CREATE INDEX "ml_models_latest_version_idx" ON "ml_models" USING btree ("latest_version_id");
  CREATE INDEX "ml_models_downloads_idx" ON "ml_models" USING btree ("downloads");
  CREATE INDEX "ml_models_stars_idx" ON "ml_models" USING btree ("stars");
  CREATE INDEX "ml_models_forks_idx" ON "ml_models" USING btree ("forks");
  CREATE INDEX "ml_models_trending_idx" ON "ml_models" USING btree ("trending");
  CREATE INDEX "ml_models_published_at_idx" ON "ml_models" USING btree ("published_at");
  CREATE INDEX "ml_models_updated_at_idx" ON "ml_models" USING btree ("updated_at");
  CREATE INDEX "ml_models_created_at_idx" ON "ml_models" USING btree ("created_at");
  CREATE UNIQUE INDEX "ownerHandle_slug_idx" ON "ml_models" USING btree ("owner_handle","slug");
  CREATE INDEX "model_versions_model_idx" ON "model_versions" USING btree ("model_id");
  CREATE INDEX "model_versions_status_idx" ON "model_versions" USING btree ("status");
  CREATE INDEX "model_versions_updated_at_idx" ON "model_versions" USING btree ("updated_at");
  CREATE INDEX "model_versions_created_at_idx" ON "model_versions" USING btree ("created_at");
  CREATE UNIQUE INDEX "model_label_idx" ON "model_versions" USING btree ("model_id","label");
  CREATE INDEX "model_files_model_idx" ON "model_files" USING btree ("model_id");
  CREATE INDEX "model_files_version_idx" ON "model_files" USING btree ("version_id");
  CREATE INDEX "model_files_upload_status_idx" ON "model_files" USING btree ("upload_status");
  CREATE INDEX "model_files_scan_status_idx" ON "model_files" USING btree ("scan_status");
  CREATE INDEX "model_files_reviewed_by_idx" ON "model_files" USING btree ("reviewed_by_id");
  CREATE INDEX "model_files_storage_key_idx" ON "model_files" USING btree ("storage_key");
  CREATE INDEX "model_files_updated_at_idx" ON "model_files" USING btree ("updated_at");
  CREATE INDEX "model_files_created_at_idx" ON "model_files" USING btree ("created_at");
  CREATE INDEX "model_stars_model_idx" ON "model_stars" USING btree ("model_id");
  CREATE INDEX "model_stars_user_idx" ON "model_stars" USING btree ("user_id");
  CREATE INDEX "model_stars_updated_at_idx" ON "model_stars" USING btree ("updated_at");
  CREATE INDEX "model_stars_created_at_idx" ON "model_stars" USING btree ("created_at");
  CREATE UNIQUE INDEX "model_user_idx" ON "model_stars" USING btree ("model_id","user_id");
  CREATE INDEX "model_ratings_model_idx" ON "model_ratings" USING btree ("model_id");
  CREATE INDEX "model_ratings_user_idx" ON "model_ratings" USING btree ("user_id");
  CREATE INDEX "model_ratings_updated_at_idx" ON "model_ratings" USING btree ("updated_at");
  CREATE INDEX "model_ratings_created_at_idx" ON "model_ratings" USING btree ("created_at");
  CREATE UNIQUE INDEX "model_user_1_idx" ON "model_ratings" USING btree ("model_id","user_id");
  CREATE INDEX "model_comments_model_idx" ON "model_comments" USING btree ("model_id");
  CREATE INDEX "model_comments_author_idx" ON "model_comments" USING btree ("author_id");
  CREATE INDEX "model_comments_hidden_idx" ON "model_comments" USING btree ("hidden");
  CREATE INDEX "model_comments_hidden_by_idx" ON "model_comments" USING btree ("hidden_by_id");
  CREATE INDEX "model_comments_updated_at_idx" ON "model_comments" USING btree ("updated_at");
  CREATE INDEX "model_comments_created_at_idx" ON "model_comments" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ml_models_fk" FOREIGN KEY ("ml_models_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_model_versions_fk" FOREIGN KEY ("model_versions_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_model_files_fk" FOREIGN KEY ("model_files_id") REFERENCES "public"."model_files"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_model_stars_fk" FOREIGN KEY ("model_stars_id") REFERENCES "public"."model_stars"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_model_ratings_fk" FOREIGN KEY ("model_ratings_id") REFERENCES "public"."model_ratings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_model_comments_fk" FOREIGN KEY ("model_comments_id") REFERENCES "public"."model_comments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_ml_models_id_idx" ON "payload_locked_documents_rels" USING btree ("ml_models_id");
  CREATE INDEX "payload_locked_documents_rels_model_versions_id_idx" ON "payload_locked_documents_rels" USING btree ("model_versions_id");
  CREATE INDEX "payload_locked_documents_rels_model_files_id_idx" ON "payload_locked_documents_rels" USING btree ("model_files_id");
  CREATE INDEX "payload_locked_documents_rels_model_stars_id_idx" ON "payload_locked_documents_rels" USING btree ("model_stars_id");
  CREATE INDEX "payload_locked_documents_rels_model_ratings_id_idx" ON "payload_locked_documents_rels" USING btree ("model_ratings_id");
  CREATE INDEX "payload_locked_documents_rels_model_comments_id_idx" ON "payload_locked_documents_rels" USING btree ("model_comments_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "ml_models_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models_metrics" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models_benchmarks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models_compatibility_api_versions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models_compatibility_sdks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models_compatibility_runtimes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ml_models" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "model_versions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "model_files" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "model_stars" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "model_ratings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "model_comments" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ml_models_tags" CASCADE;
  DROP TABLE "ml_models_metrics" CASCADE;
  DROP TABLE "ml_models_benchmarks" CASCADE;
  DROP TABLE "ml_models_compatibility_api_versions" CASCADE;
  DROP TABLE "ml_models_compatibility_sdks" CASCADE;
  DROP TABLE "ml_models_compatibility_runtimes" CASCADE;
  DROP TABLE "ml_models" CASCADE;
  DROP TABLE "model_versions" CASCADE;
  DROP TABLE "model_files" CASCADE;
  DROP TABLE "model_stars" CASCADE;
  DROP TABLE "model_ratings" CASCADE;
  DROP TABLE "model_comments" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ml_models_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_model_versions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_model_files_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_model_stars_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_model_ratings_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_model_comments_fk";
  
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_notification_preferences_settings_type";
  CREATE TYPE "public"."enum_notification_preferences_settings_type" AS ENUM('api_key.created', 'api_key.revoked', 'api_key.expiring', 'usage.limit_reached', 'webhook_endpoint.disabled', 'organization.invitation_received', 'organization.role_changed', 'incident.created', 'incident.updated', 'incident.resolved', 'maintenance.scheduled', 'maintenance.started', 'maintenance.completed');
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE "public"."enum_notification_preferences_settings_type" USING "type"::"public"."enum_notification_preferences_settings_type";
  DROP INDEX "payload_locked_documents_rels_ml_models_id_idx";
  DROP INDEX "payload_locked_documents_rels_model_versions_id_idx";
  DROP INDEX "payload_locked_documents_rels_model_files_id_idx";
  DROP INDEX "payload_locked_documents_rels_model_stars_id_idx";
  DROP INDEX "payload_locked_documents_rels_model_ratings_id_idx";
  DROP INDEX "payload_locked_documents_rels_model_comments_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ml_models_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "model_versions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "model_files_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "model_stars_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "model_ratings_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "model_comments_id";
  DROP TYPE "public"."enum_ml_models_compatibility_api_versions";
  DROP TYPE "public"."enum_ml_models_compatibility_sdks";
  DROP TYPE "public"."enum_ml_models_compatibility_runtimes";
  DROP TYPE "public"."enum_ml_models_visibility";
  DROP TYPE "public"."enum_ml_models_status";
  DROP TYPE "public"."enum_ml_models_task";
  DROP TYPE "public"."enum_ml_models_framework";
  DROP TYPE "public"."enum_ml_models_license";
  DROP TYPE "public"."enum_ml_models_audio_output_kind";
  DROP TYPE "public"."enum_model_versions_status";
  DROP TYPE "public"."enum_model_files_kind";
  DROP TYPE "public"."enum_model_files_upload_status";
  DROP TYPE "public"."enum_model_files_scan_status";
  DROP TYPE "public"."enum_model_files_review";`)
}
