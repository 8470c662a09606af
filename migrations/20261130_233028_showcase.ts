import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_showcase_topics_kind" AS ENUM('tech', 'use-case');
  CREATE TYPE "public"."enum_showcase_projects_status" AS ENUM('draft', 'submitted', 'published', 'rejected');
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'showcase.reviewed';
  CREATE TABLE "showcase_topics" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"kind" "enum_showcase_topics_kind" NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "showcase_projects_screenshots" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"image_id" integer NOT NULL,
  	"alt" varchar NOT NULL
  );
  
  CREATE TABLE "showcase_projects_makers" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"accepted" boolean DEFAULT false
  );
  
  CREATE TABLE "showcase_projects_tags" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"tag" varchar NOT NULL
  );
  
  CREATE TABLE "showcase_projects" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"tagline" varchar NOT NULL,
  	"story_what_it_does" varchar,
  	"story_how_built" varchar,
  	"story_challenges" varchar,
  	"story_whats_next" varchar,
  	"demo_video" varchar,
  	"demo_url" varchar,
  	"repository" varchar,
  	"organization_id" integer,
  	"status" "enum_showcase_projects_status" DEFAULT 'draft' NOT NULL,
  	"rejection_reason" varchar,
  	"featured" boolean DEFAULT false,
  	"featured_at" timestamp(3) with time zone,
  	"published_at" timestamp(3) with time zone,
  	"reviewed_by_id" integer,
  	"owner_id" integer,
  	"votes" numeric DEFAULT 0,
  	"comments" numeric DEFAULT 0,
  	"github_description" varchar,
  	"github_stars" numeric,
  	"github_language" varchar,
  	"github_topics" varchar,
  	"github_license" varchar,
  	"github_pushed_at" timestamp(3) with time zone,
  	"github_fetched_at" timestamp(3) with time zone,
  	"github_error" varchar,
  	"github_etag" varchar,
  	"usage_key_id" integer,
  	"show_usage_counts" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "showcase_projects_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"showcase_topics_id" integer,
  	"ml_models_id" integer
  );
  
  CREATE TABLE "project_votes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"project_id" integer NOT NULL,
  	"user_id" integer NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "project_comments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"project_id" integer NOT NULL,
  	"author_id" integer,
  	"body" varchar NOT NULL,
  	"hidden" boolean DEFAULT false,
  	"hidden_reason" varchar,
  	"hidden_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "showcase_topics_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "showcase_projects_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "project_votes_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "project_comments_id" integer;
  ALTER TABLE "showcase_projects_screenshots" ADD CONSTRAINT "showcase_projects_screenshots_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects_screenshots" ADD CONSTRAINT "showcase_projects_screenshots_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."showcase_projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "showcase_projects_makers" ADD CONSTRAINT "showcase_projects_makers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects_makers" ADD CONSTRAINT "showcase_projects_makers_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."showcase_projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "showcase_projects_tags" ADD CONSTRAINT "showcase_projects_tags_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."showcase_projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "showcase_projects" ADD CONSTRAINT "showcase_projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects" ADD CONSTRAINT "showcase_projects_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects" ADD CONSTRAINT "showcase_projects_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects" ADD CONSTRAINT "showcase_projects_usage_key_id_api_keys_id_fk" FOREIGN KEY ("usage_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "showcase_projects_rels" ADD CONSTRAINT "showcase_projects_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."showcase_projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "showcase_projects_rels" ADD CONSTRAINT "showcase_projects_rels_showcase_topics_fk" FOREIGN KEY ("showcase_topics_id") REFERENCES "public"."showcase_topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "showcase_projects_rels" ADD CONSTRAINT "showcase_projects_rels_ml_models_fk" FOREIGN KEY ("ml_models_id") REFERENCES "public"."ml_models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "project_votes" ADD CONSTRAINT "project_votes_project_id_showcase_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."showcase_projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "project_votes" ADD CONSTRAINT "project_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "project_comments" ADD CONSTRAINT "project_comments_project_id_showcase_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."showcase_projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "project_comments" ADD CONSTRAINT "project_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "project_comments" ADD CONSTRAINT "project_comments_hidden_by_id_users_id_fk" FOREIGN KEY ("hidden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "showcase_topics_slug_idx" ON "showcase_topics" USING btree ("slug");
  CREATE INDEX "showcase_topics_kind_idx" ON "showcase_topics" USING btree ("kind");
  CREATE INDEX "showcase_topics_updated_at_idx" ON "showcase_topics" USING btree ("updated_at");
  CREATE INDEX "showcase_topics_created_at_idx" ON "showcase_topics" USING btree ("created_at");
  CREATE INDEX "showcase_projects_screenshots_order_idx" ON "showcase_projects_screenshots" USING btree ("_order");
  CREATE INDEX "showcase_projects_screenshots_parent_id_idx" ON "showcase_projects_screenshots" USING btree ("_parent_id");
  CREATE INDEX "showcase_projects_screenshots_image_idx" ON "showcase_projects_screenshots" USING btree ("image_id");
  CREATE INDEX "showcase_projects_makers_order_idx" ON "showcase_projects_makers" USING btree ("_order");
  CREATE INDEX "showcase_projects_makers_parent_id_idx" ON "showcase_projects_makers" USING btree ("_parent_id");
  CREATE INDEX "showcase_projects_makers_user_idx" ON "showcase_projects_makers" USING btree ("user_id");
  CREATE INDEX "showcase_projects_tags_order_idx" ON "showcase_projects_tags" USING btree ("_order");
  CREATE INDEX "showcase_projects_tags_parent_id_idx" ON "showcase_projects_tags" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "showcase_projects_slug_idx" ON "showcase_projects" USING btree ("slug");
  CREATE INDEX "showcase_projects_organization_idx" ON "showcase_projects" USING btree ("organization_id");
  CREATE INDEX "showcase_projects_status_idx" ON "showcase_projects" USING btree ("status");
  CREATE INDEX "showcase_projects_featured_idx" ON "showcase_projects" USING btree ("featured");
  CREATE INDEX "showcase_projects_featured_at_idx" ON "showcase_projects" USING btree ("featured_at");
  CREATE INDEX "showcase_projects_published_at_idx" ON "showcase_projects" USING btree ("published_at");
  CREATE INDEX "showcase_projects_reviewed_by_idx" ON "showcase_projects" USING btree ("reviewed_by_id");
  CREATE INDEX "showcase_projects_owner_idx" ON "showcase_projects" USING btree ("owner_id");
  CREATE INDEX "showcase_projects_votes_idx" ON "showcase_projects" USING btree ("votes");
  CREATE INDEX "showcase_projects_usage_key_idx" ON "showcase_projects" USING btree ("usage_key_id");
  CREATE INDEX "showcase_projects_updated_at_idx" ON "showcase_projects" USING btree ("updated_at");
  CREATE INDEX "showcase_projects_created_at_idx" ON "showcase_projects" USING btree ("created_at");
  CREATE INDEX "showcase_projects_rels_order_idx" ON "showcase_projects_rels" USING btree ("order");
  CREATE INDEX "showcase_projects_rels_parent_idx" ON "showcase_projects_rels" USING btree ("parent_id");
  CREATE INDEX "showcase_projects_rels_path_idx" ON "showcase_projects_rels" USING btree ("path");
  CREATE INDEX "showcase_projects_rels_showcase_topics_id_idx" ON "showcase_projects_rels" USING btree ("showcase_topics_id");
  CREATE INDEX "showcase_projects_rels_ml_models_id_idx" ON "showcase_projects_rels" USING btree ("ml_models_id");
  CREATE INDEX "project_votes_project_idx" ON "project_votes" USING btree ("project_id");
  CREATE INDEX "project_votes_user_idx" ON "project_votes" USING btree ("user_id");
  CREATE INDEX "project_votes_updated_at_idx" ON "project_votes" USING btree ("updated_at");
  CREATE INDEX "project_votes_created_at_idx" ON "project_votes" USING btree ("created_at");
  CREATE UNIQUE INDEX "project_user_idx" ON "project_votes" USING btree ("project_id","user_id");
  CREATE INDEX "project_comments_project_idx" ON "project_comments" USING btree ("project_id");
  CREATE INDEX "project_comments_author_idx" ON "project_comments" USING btree ("author_id");
  CREATE INDEX "project_comments_hidden_idx" ON "project_comments" USING btree ("hidden");
  CREATE INDEX "project_comments_hidden_by_idx" ON "project_comments" USING btree ("hidden_by_id");
  CREATE INDEX "project_comments_updated_at_idx" ON "project_comments" USING btree ("updated_at");
  CREATE INDEX "project_comments_created_at_idx" ON "project_comments" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_showcase_topics_fk" FOREIGN KEY ("showcase_topics_id") REFERENCES "public"."showcase_topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_showcase_projects_fk" FOREIGN KEY ("showcase_projects_id") REFERENCES "public"."showcase_projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_project_votes_fk" FOREIGN KEY ("project_votes_id") REFERENCES "public"."project_votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_project_comments_fk" FOREIGN KEY ("project_comments_id") REFERENCES "public"."project_comments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_showcase_topics_id_idx" ON "payload_locked_documents_rels" USING btree ("showcase_topics_id");
  CREATE INDEX "payload_locked_documents_rels_showcase_projects_id_idx" ON "payload_locked_documents_rels" USING btree ("showcase_projects_id");
  CREATE INDEX "payload_locked_documents_rels_project_votes_id_idx" ON "payload_locked_documents_rels" USING btree ("project_votes_id");
  CREATE INDEX "payload_locked_documents_rels_project_comments_id_idx" ON "payload_locked_documents_rels" USING btree ("project_comments_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "showcase_topics" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "showcase_projects_screenshots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "showcase_projects_makers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "showcase_projects_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "showcase_projects" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "showcase_projects_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "project_votes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "project_comments" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "showcase_topics" CASCADE;
  DROP TABLE "showcase_projects_screenshots" CASCADE;
  DROP TABLE "showcase_projects_makers" CASCADE;
  DROP TABLE "showcase_projects_tags" CASCADE;
  DROP TABLE "showcase_projects" CASCADE;
  DROP TABLE "showcase_projects_rels" CASCADE;
  DROP TABLE "project_votes" CASCADE;
  DROP TABLE "project_comments" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_showcase_topics_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_showcase_projects_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_project_votes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_project_comments_fk";
  
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_notification_preferences_settings_type";
  CREATE TYPE "public"."enum_notification_preferences_settings_type" AS ENUM('api_key.created', 'api_key.revoked', 'api_key.expiring', 'usage.limit_reached', 'webhook_endpoint.disabled', 'organization.invitation_received', 'organization.role_changed', 'model.published', 'model.version_published', 'model.starred', 'model.forked', 'incident.created', 'incident.updated', 'incident.resolved', 'maintenance.scheduled', 'maintenance.started', 'maintenance.completed', 'community.mentioned', 'community.replied', 'community.answer_accepted');
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE "public"."enum_notification_preferences_settings_type" USING "type"::"public"."enum_notification_preferences_settings_type";
  DROP INDEX "payload_locked_documents_rels_showcase_topics_id_idx";
  DROP INDEX "payload_locked_documents_rels_showcase_projects_id_idx";
  DROP INDEX "payload_locked_documents_rels_project_votes_id_idx";
  DROP INDEX "payload_locked_documents_rels_project_comments_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "showcase_topics_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "showcase_projects_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "project_votes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "project_comments_id";
  DROP TYPE "public"."enum_showcase_topics_kind";
  DROP TYPE "public"."enum_showcase_projects_status";`)
}
