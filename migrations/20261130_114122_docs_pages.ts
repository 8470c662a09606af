import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_docs_pages_section" AS ENUM('getting-started', 'api-reference', 'ml-models', 'sdks', 'tutorials', 'best-practices', 'webhooks');
  CREATE TYPE "public"."enum_docs_pages_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__docs_pages_v_version_section" AS ENUM('getting-started', 'api-reference', 'ml-models', 'sdks', 'tutorials', 'best-practices', 'webhooks');
  CREATE TYPE "public"."enum__docs_pages_v_version_status" AS ENUM('draft', 'published');
  CREATE TABLE "docs_pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"section" "enum_docs_pages_section",
  	"order" numeric DEFAULT 100,
  	"summary" varchar,
  	"body" jsonb,
  	"last_updated" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_docs_pages_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_docs_pages_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_section" "enum__docs_pages_v_version_section",
  	"version_order" numeric DEFAULT 100,
  	"version_summary" varchar,
  	"version_body" jsonb,
  	"version_last_updated" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__docs_pages_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean,
  	"autosave" boolean
  );
  
  CREATE TABLE "docs_feedback" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"page_id" integer NOT NULL,
  	"user_id" integer NOT NULL,
  	"helpful" boolean DEFAULT true NOT NULL,
  	"comment" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "docs_pages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "docs_feedback_id" integer;
  ALTER TABLE "_docs_pages_v" ADD CONSTRAINT "_docs_pages_v_parent_id_docs_pages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."docs_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "docs_feedback" ADD CONSTRAINT "docs_feedback_page_id_docs_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."docs_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "docs_feedback" ADD CONSTRAINT "docs_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "docs_pages_slug_idx" ON "docs_pages" USING btree ("slug");
  CREATE INDEX "docs_pages_section_idx" ON "docs_pages" USING btree ("section");
  CREATE INDEX "docs_pages_updated_at_idx" ON "docs_pages" USING btree ("updated_at");
  CREATE INDEX "docs_pages_created_at_idx" ON "docs_pages" USING btree ("created_at");
  CREATE INDEX "docs_pages__status_idx" ON "docs_pages" USING btree ("_status");
  CREATE UNIQUE INDEX "section_slug_idx" ON "docs_pages" USING btree ("section","slug");
  CREATE INDEX "_docs_pages_v_parent_idx" ON "_docs_pages_v" USING btree ("parent_id");
  CREATE INDEX "_docs_pages_v_version_version_slug_idx" ON "_docs_pages_v" USING btree ("version_slug");
  CREATE INDEX "_docs_pages_v_version_version_section_idx" ON "_docs_pages_v" USING btree ("version_section");
  CREATE INDEX "_docs_pages_v_version_version_updated_at_idx" ON "_docs_pages_v" USING btree ("version_updated_at");
  CREATE INDEX "_docs_pages_v_version_version_created_at_idx" ON "_docs_pages_v" USING btree ("version_created_at");
  CREATE INDEX "_docs_pages_v_version_version__status_idx" ON "_docs_pages_v" USING btree ("version__status");
  CREATE INDEX "_docs_pages_v_created_at_idx" ON "_docs_pages_v" USING btree ("created_at");
  CREATE INDEX "_docs_pages_v_updated_at_idx" ON "_docs_pages_v" USING btree ("updated_at");
  CREATE INDEX "_docs_pages_v_latest_idx" ON "_docs_pages_v" USING btree ("latest");
  CREATE INDEX "_docs_pages_v_autosave_idx" ON "_docs_pages_v" USING btree ("autosave");
  CREATE INDEX "version_section_version_slug_idx" ON "_docs_pages_v" USING btree ("version_section","version_slug");
  CREATE INDEX "docs_feedback_page_idx" ON "docs_feedback" USING btree ("page_id");
  CREATE INDEX "docs_feedback_user_idx" ON "docs_feedback" USING btree ("user_id");
  CREATE INDEX "docs_feedback_updated_at_idx" ON "docs_feedback" USING btree ("updated_at");
  CREATE INDEX "docs_feedback_created_at_idx" ON "docs_feedback" USING btree ("created_at");
  CREATE UNIQUE INDEX "page_user_idx" ON "docs_feedback" USING btree ("page_id","user_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_docs_pages_fk" FOREIGN KEY ("docs_pages_id") REFERENCES "public"."docs_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_docs_feedback_fk" FOREIGN KEY ("docs_feedback_id") REFERENCES "public"."docs_feedback"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_docs_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("docs_pages_id");
  CREATE INDEX "payload_locked_documents_rels_docs_feedback_id_idx" ON "payload_locked_documents_rels" USING btree ("docs_feedback_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "docs_pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_docs_pages_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "docs_feedback" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "docs_pages" CASCADE;
  DROP TABLE "_docs_pages_v" CASCADE;
  DROP TABLE "docs_feedback" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_docs_pages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_docs_feedback_fk";
  
  DROP INDEX "payload_locked_documents_rels_docs_pages_id_idx";
  DROP INDEX "payload_locked_documents_rels_docs_feedback_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "docs_pages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "docs_feedback_id";
  DROP TYPE "public"."enum_docs_pages_section";
  DROP TYPE "public"."enum_docs_pages_status";
  DROP TYPE "public"."enum__docs_pages_v_version_section";
  DROP TYPE "public"."enum__docs_pages_v_version_status";`)
}
