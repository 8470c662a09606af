import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_forum_categories_allowed_kinds" AS ENUM('discussion', 'question', 'announcement', 'feature-request', 'bug-report');
  CREATE TYPE "public"."enum_forum_categories_who_may_start" AS ENUM('members', 'staff');
  CREATE TYPE "public"."enum_discussions_kind" AS ENUM('discussion', 'question', 'announcement', 'feature-request', 'bug-report');
  CREATE TYPE "public"."enum_discussions_status" AS ENUM('open', 'locked', 'closed');
  CREATE TYPE "public"."enum_discussions_moderation_state" AS ENUM('visible', 'pending', 'hidden');
  CREATE TYPE "public"."enum_replies_moderation_state" AS ENUM('visible', 'pending', 'hidden');
  CREATE TYPE "public"."enum_reactions_reaction" AS ENUM('thumbs-up', 'heart', 'tada', 'laugh', 'eyes', 'rocket');
  CREATE TYPE "public"."enum_flags_reason" AS ENUM('off-topic', 'inappropriate', 'spam', 'other');
  CREATE TYPE "public"."enum_flags_status" AS ENUM('open', 'actioned', 'dismissed');
  CREATE TYPE "public"."enum_forum_moderation_actions_action" AS ENUM('discussion.pinned', 'discussion.unpinned', 'discussion.locked', 'discussion.closed', 'discussion.reopened', 'discussion.moved', 'post.hidden', 'post.unhidden', 'post.approved', 'post.edited', 'flag.dismissed', 'tags.merged', 'answer.accepted');
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'community.mentioned';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'community.replied';
  ALTER TYPE "public"."enum_notification_preferences_settings_type" ADD VALUE 'community.answer_accepted';
  CREATE TABLE "forum_categories_allowed_kinds" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_forum_categories_allowed_kinds",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "forum_categories" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"description" varchar,
  	"order" numeric DEFAULT 100 NOT NULL,
  	"colour" varchar DEFAULT '#6366f1' NOT NULL,
  	"who_may_start" "enum_forum_categories_who_may_start" DEFAULT 'members' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "discussions_edit_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"editor_id" integer,
  	"is_moderator" boolean DEFAULT false,
  	"title" varchar,
  	"body" varchar
  );
  
  CREATE TABLE "discussions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar,
  	"category_id" integer NOT NULL,
  	"kind" "enum_discussions_kind" DEFAULT 'discussion' NOT NULL,
  	"body" varchar NOT NULL,
  	"author_id" integer,
  	"status" "enum_discussions_status" DEFAULT 'open',
  	"is_pinned" boolean DEFAULT false,
  	"moderation_state" "enum_discussions_moderation_state" DEFAULT 'visible',
  	"hidden_reason" varchar,
  	"accepted_answer_id" integer,
  	"is_solved" boolean DEFAULT false,
  	"reply_count" numeric DEFAULT 0,
  	"vote_count" numeric DEFAULT 0,
  	"view_count" numeric DEFAULT 0,
  	"last_activity_at" timestamp(3) with time zone,
  	"last_reply_by_id" integer,
  	"edited_at" timestamp(3) with time zone,
  	"is_edited_by_moderator" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "discussions_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"tags_id" integer,
  	"forum_attachments_id" integer
  );
  
  CREATE TABLE "replies_edit_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"editor_id" integer,
  	"is_moderator" boolean DEFAULT false,
  	"title" varchar,
  	"body" varchar
  );
  
  CREATE TABLE "replies" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"discussion_id" integer NOT NULL,
  	"body" varchar NOT NULL,
  	"parent_id" integer,
  	"author_id" integer,
  	"moderation_state" "enum_replies_moderation_state" DEFAULT 'visible',
  	"hidden_reason" varchar,
  	"is_thread_visible" boolean DEFAULT true,
  	"edited_at" timestamp(3) with time zone,
  	"is_edited_by_moderator" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "replies_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"forum_attachments_id" integer
  );
  
  CREATE TABLE "reactions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"discussion_id" integer,
  	"reply_id" integer,
  	"reaction" "enum_reactions_reaction" NOT NULL,
  	"user_id" integer,
  	"unique_key" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "tags" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"usage_count" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "flags" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"discussion_id" integer,
  	"reply_id" integer,
  	"reason" "enum_flags_reason" NOT NULL,
  	"details" varchar,
  	"reporter_id" integer,
  	"status" "enum_flags_status" DEFAULT 'open',
  	"unique_key" varchar,
  	"thread_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "forum_attachments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar,
  	"uploaded_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar
  );
  
  CREATE TABLE "forum_moderation_actions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"action" "enum_forum_moderation_actions_action" NOT NULL,
  	"summary" varchar NOT NULL,
  	"actor_id" integer,
  	"discussion_id" integer,
  	"reply_id" integer,
  	"target_author_id" integer,
  	"ip" varchar,
  	"changes" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "forum_categories_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "discussions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "replies_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reactions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "tags_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "flags_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "forum_attachments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "forum_moderation_actions_id" integer;
  ALTER TABLE "forum_categories_allowed_kinds" ADD CONSTRAINT "forum_categories_allowed_kinds_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."forum_categories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "discussions_edit_history" ADD CONSTRAINT "discussions_edit_history_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "discussions_edit_history" ADD CONSTRAINT "discussions_edit_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."discussions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "discussions" ADD CONSTRAINT "discussions_category_id_forum_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."forum_categories"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "discussions" ADD CONSTRAINT "discussions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "discussions" ADD CONSTRAINT "discussions_accepted_answer_id_replies_id_fk" FOREIGN KEY ("accepted_answer_id") REFERENCES "public"."replies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "discussions" ADD CONSTRAINT "discussions_last_reply_by_id_users_id_fk" FOREIGN KEY ("last_reply_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "discussions_rels" ADD CONSTRAINT "discussions_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."discussions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "discussions_rels" ADD CONSTRAINT "discussions_rels_tags_fk" FOREIGN KEY ("tags_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "discussions_rels" ADD CONSTRAINT "discussions_rels_forum_attachments_fk" FOREIGN KEY ("forum_attachments_id") REFERENCES "public"."forum_attachments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "replies_edit_history" ADD CONSTRAINT "replies_edit_history_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies_edit_history" ADD CONSTRAINT "replies_edit_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "public"."discussions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_parent_id_replies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."replies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies" ADD CONSTRAINT "replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "replies_rels" ADD CONSTRAINT "replies_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "replies_rels" ADD CONSTRAINT "replies_rels_forum_attachments_fk" FOREIGN KEY ("forum_attachments_id") REFERENCES "public"."forum_attachments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "public"."discussions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "public"."discussions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "flags" ADD CONSTRAINT "flags_thread_id_discussions_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."discussions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "forum_attachments" ADD CONSTRAINT "forum_attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "forum_moderation_actions" ADD CONSTRAINT "forum_moderation_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "forum_moderation_actions" ADD CONSTRAINT "forum_moderation_actions_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "public"."discussions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "forum_moderation_actions" ADD CONSTRAINT "forum_moderation_actions_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "forum_moderation_actions" ADD CONSTRAINT "forum_moderation_actions_target_author_id_users_id_fk" FOREIGN KEY ("target_author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "forum_categories_allowed_kinds_order_idx" ON "forum_categories_allowed_kinds" USING btree ("order");
  CREATE INDEX "forum_categories_allowed_kinds_parent_idx" ON "forum_categories_allowed_kinds" USING btree ("parent_id");
  CREATE UNIQUE INDEX "forum_categories_slug_idx" ON "forum_categories" USING btree ("slug");
  CREATE INDEX "forum_categories_order_idx" ON "forum_categories" USING btree ("order");
  CREATE INDEX "forum_categories_updated_at_idx" ON "forum_categories" USING btree ("updated_at");
  CREATE INDEX "forum_categories_created_at_idx" ON "forum_categories" USING btree ("created_at");
  CREATE INDEX "discussions_edit_history_order_idx" ON "discussions_edit_history" USING btree ("_order");
  CREATE INDEX "discussions_edit_history_parent_id_idx" ON "discussions_edit_history" USING btree ("_parent_id");
  CREATE INDEX "discussions_edit_history_editor_idx" ON "discussions_edit_history" USING btree ("editor_id");
  CREATE INDEX "discussions_slug_idx" ON "discussions" USING btree ("slug");
  CREATE INDEX "discussions_category_idx" ON "discussions" USING btree ("category_id");
  CREATE INDEX "discussions_kind_idx" ON "discussions" USING btree ("kind");
  CREATE INDEX "discussions_author_idx" ON "discussions" USING btree ("author_id");
  CREATE INDEX "discussions_status_idx" ON "discussions" USING btree ("status");
  CREATE INDEX "discussions_is_pinned_idx" ON "discussions" USING btree ("is_pinned");
  CREATE INDEX "discussions_moderation_state_idx" ON "discussions" USING btree ("moderation_state");
  CREATE INDEX "discussions_accepted_answer_idx" ON "discussions" USING btree ("accepted_answer_id");
  CREATE INDEX "discussions_is_solved_idx" ON "discussions" USING btree ("is_solved");
  CREATE INDEX "discussions_vote_count_idx" ON "discussions" USING btree ("vote_count");
  CREATE INDEX "discussions_last_activity_at_idx" ON "discussions" USING btree ("last_activity_at");
  CREATE INDEX "discussions_last_reply_by_idx" ON "discussions" USING btree ("last_reply_by_id");
  CREATE INDEX "discussions_updated_at_idx" ON "discussions" USING btree ("updated_at");
  CREATE INDEX "discussions_created_at_idx" ON "discussions" USING btree ("created_at");
  CREATE INDEX "discussions_rels_order_idx" ON "discussions_rels" USING btree ("order");
  CREATE INDEX "discussions_rels_parent_idx" ON "discussions_rels" USING btree ("parent_id");
  CREATE INDEX "discussions_rels_path_idx" ON "discussions_rels" USING btree ("path");
  CREATE INDEX "discussions_rels_tags_id_idx" ON "discussions_rels" USING btree ("tags_id");
  CREATE INDEX "discussions_rels_forum_attachments_id_idx" ON "discussions_rels" USING btree ("forum_attachments_id");
  CREATE INDEX "replies_edit_history_order_idx" ON "replies_edit_history" USING btree ("_order");
  CREATE INDEX "replies_edit_history_parent_id_idx" ON "replies_edit_history" USING btree ("_parent_id");
  CREATE INDEX "replies_edit_history_editor_idx" ON "replies_edit_history" USING btree ("editor_id");
  CREATE INDEX "replies_discussion_idx" ON "replies" USING btree ("discussion_id");
  CREATE INDEX "replies_parent_idx" ON "replies" USING btree ("parent_id");
  CREATE INDEX "replies_author_idx" ON "replies" USING btree ("author_id");
  CREATE INDEX "replies_moderation_state_idx" ON "replies" USING btree ("moderation_state");
  CREATE INDEX "replies_is_thread_visible_idx" ON "replies" USING btree ("is_thread_visible");
  CREATE INDEX "replies_updated_at_idx" ON "replies" USING btree ("updated_at");
  CREATE INDEX "replies_created_at_idx" ON "replies" USING btree ("created_at");
  CREATE INDEX "replies_rels_order_idx" ON "replies_rels" USING btree ("order");
  CREATE INDEX "replies_rels_parent_idx" ON "replies_rels" USING btree ("parent_id");
  CREATE INDEX "replies_rels_path_idx" ON "replies_rels" USING btree ("path");
  CREATE INDEX "replies_rels_forum_attachments_id_idx" ON "replies_rels" USING btree ("forum_attachments_id");
  CREATE INDEX "reactions_discussion_idx" ON "reactions" USING btree ("discussion_id");
  CREATE INDEX "reactions_reply_idx" ON "reactions" USING btree ("reply_id");
  CREATE INDEX "reactions_user_idx" ON "reactions" USING btree ("user_id");
  CREATE UNIQUE INDEX "reactions_unique_key_idx" ON "reactions" USING btree ("unique_key");
  CREATE INDEX "reactions_updated_at_idx" ON "reactions" USING btree ("updated_at");
  CREATE INDEX "reactions_created_at_idx" ON "reactions" USING btree ("created_at");
  CREATE UNIQUE INDEX "tags_name_idx" ON "tags" USING btree ("name");
  CREATE INDEX "tags_usage_count_idx" ON "tags" USING btree ("usage_count");
  CREATE INDEX "tags_updated_at_idx" ON "tags" USING btree ("updated_at");
  CREATE INDEX "tags_created_at_idx" ON "tags" USING btree ("created_at");
  CREATE INDEX "flags_discussion_idx" ON "flags" USING btree ("discussion_id");
  CREATE INDEX "flags_reply_idx" ON "flags" USING btree ("reply_id");
  CREATE INDEX "flags_reporter_idx" ON "flags" USING btree ("reporter_id");
  CREATE INDEX "flags_status_idx" ON "flags" USING btree ("status");
  CREATE UNIQUE INDEX "flags_unique_key_idx" ON "flags" USING btree ("unique_key");
  CREATE INDEX "flags_thread_idx" ON "flags" USING btree ("thread_id");
  CREATE INDEX "flags_updated_at_idx" ON "flags" USING btree ("updated_at");
  CREATE INDEX "flags_created_at_idx" ON "flags" USING btree ("created_at");
  CREATE INDEX "forum_attachments_uploaded_by_idx" ON "forum_attachments" USING btree ("uploaded_by_id");
  CREATE INDEX "forum_attachments_updated_at_idx" ON "forum_attachments" USING btree ("updated_at");
  CREATE INDEX "forum_attachments_created_at_idx" ON "forum_attachments" USING btree ("created_at");
  CREATE UNIQUE INDEX "forum_attachments_filename_idx" ON "forum_attachments" USING btree ("filename");
  CREATE INDEX "forum_attachments_sizes_thumbnail_sizes_thumbnail_filena_idx" ON "forum_attachments" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "forum_moderation_actions_action_idx" ON "forum_moderation_actions" USING btree ("action");
  CREATE INDEX "forum_moderation_actions_actor_idx" ON "forum_moderation_actions" USING btree ("actor_id");
  CREATE INDEX "forum_moderation_actions_discussion_idx" ON "forum_moderation_actions" USING btree ("discussion_id");
  CREATE INDEX "forum_moderation_actions_reply_idx" ON "forum_moderation_actions" USING btree ("reply_id");
  CREATE INDEX "forum_moderation_actions_target_author_idx" ON "forum_moderation_actions" USING btree ("target_author_id");
  CREATE INDEX "forum_moderation_actions_updated_at_idx" ON "forum_moderation_actions" USING btree ("updated_at");
  CREATE INDEX "forum_moderation_actions_created_at_idx" ON "forum_moderation_actions" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_forum_categories_fk" FOREIGN KEY ("forum_categories_id") REFERENCES "public"."forum_categories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_discussions_fk" FOREIGN KEY ("discussions_id") REFERENCES "public"."discussions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_replies_fk" FOREIGN KEY ("replies_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reactions_fk" FOREIGN KEY ("reactions_id") REFERENCES "public"."reactions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tags_fk" FOREIGN KEY ("tags_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_flags_fk" FOREIGN KEY ("flags_id") REFERENCES "public"."flags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_forum_attachments_fk" FOREIGN KEY ("forum_attachments_id") REFERENCES "public"."forum_attachments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_forum_moderation_actions_fk" FOREIGN KEY ("forum_moderation_actions_id") REFERENCES "public"."forum_moderation_actions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_forum_categories_id_idx" ON "payload_locked_documents_rels" USING btree ("forum_categories_id");
  CREATE INDEX "payload_locked_documents_rels_discussions_id_idx" ON "payload_locked_documents_rels" USING btree ("discussions_id");
  CREATE INDEX "payload_locked_documents_rels_replies_id_idx" ON "payload_locked_documents_rels" USING btree ("replies_id");
  CREATE INDEX "payload_locked_documents_rels_reactions_id_idx" ON "payload_locked_documents_rels" USING btree ("reactions_id");
  CREATE INDEX "payload_locked_documents_rels_tags_id_idx" ON "payload_locked_documents_rels" USING btree ("tags_id");
  CREATE INDEX "payload_locked_documents_rels_flags_id_idx" ON "payload_locked_documents_rels" USING btree ("flags_id");
  CREATE INDEX "payload_locked_documents_rels_forum_attachments_id_idx" ON "payload_locked_documents_rels" USING btree ("forum_attachments_id");
  CREATE INDEX "payload_locked_documents_rels_forum_moderation_actions_i_idx" ON "payload_locked_documents_rels" USING btree ("forum_moderation_actions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "forum_categories_allowed_kinds" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "forum_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "discussions_edit_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "discussions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "discussions_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "replies_edit_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "replies" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "replies_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reactions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "flags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "forum_attachments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "forum_moderation_actions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "forum_categories_allowed_kinds" CASCADE;
  DROP TABLE "forum_categories" CASCADE;
  DROP TABLE "discussions_edit_history" CASCADE;
  DROP TABLE "discussions" CASCADE;
  DROP TABLE "discussions_rels" CASCADE;
  DROP TABLE "replies_edit_history" CASCADE;
  DROP TABLE "replies" CASCADE;
  DROP TABLE "replies_rels" CASCADE;
  DROP TABLE "reactions" CASCADE;
  DROP TABLE "tags" CASCADE;
  DROP TABLE "flags" CASCADE;
  DROP TABLE "forum_attachments" CASCADE;
  DROP TABLE "forum_moderation_actions" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_forum_categories_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_discussions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_replies_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reactions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_tags_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_flags_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_forum_attachments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_forum_moderation_actions_fk";
  
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_notification_preferences_settings_type";
  CREATE TYPE "public"."enum_notification_preferences_settings_type" AS ENUM('api_key.created', 'api_key.revoked', 'api_key.expiring', 'usage.limit_reached', 'webhook_endpoint.disabled', 'organization.invitation_received', 'organization.role_changed', 'incident.created', 'incident.updated', 'incident.resolved', 'maintenance.scheduled', 'maintenance.started', 'maintenance.completed');
  ALTER TABLE "notification_preferences_settings" ALTER COLUMN "type" SET DATA TYPE "public"."enum_notification_preferences_settings_type" USING "type"::"public"."enum_notification_preferences_settings_type";
  DROP INDEX "payload_locked_documents_rels_forum_categories_id_idx";
  DROP INDEX "payload_locked_documents_rels_discussions_id_idx";
  DROP INDEX "payload_locked_documents_rels_replies_id_idx";
  DROP INDEX "payload_locked_documents_rels_reactions_id_idx";
  DROP INDEX "payload_locked_documents_rels_tags_id_idx";
  DROP INDEX "payload_locked_documents_rels_flags_id_idx";
  DROP INDEX "payload_locked_documents_rels_forum_attachments_id_idx";
  DROP INDEX "payload_locked_documents_rels_forum_moderation_actions_i_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "forum_categories_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "discussions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "replies_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reactions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "tags_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "flags_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "forum_attachments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "forum_moderation_actions_id";
  DROP TYPE "public"."enum_forum_categories_allowed_kinds";
  DROP TYPE "public"."enum_forum_categories_who_may_start";
  DROP TYPE "public"."enum_discussions_kind";
  DROP TYPE "public"."enum_discussions_status";
  DROP TYPE "public"."enum_discussions_moderation_state";
  DROP TYPE "public"."enum_replies_moderation_state";
  DROP TYPE "public"."enum_reactions_reaction";
  DROP TYPE "public"."enum_flags_reason";
  DROP TYPE "public"."enum_flags_status";
  DROP TYPE "public"."enum_forum_moderation_actions_action";`)
}
