import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_forum_moderation_actions_action" ADD VALUE 'post.deleted' BEFORE 'flag.dismissed';
  ALTER TYPE "public"."enum_forum_moderation_actions_action" ADD VALUE 'flag.updated' BEFORE 'tags.merged';
  ALTER TYPE "public"."enum_forum_moderation_actions_action" ADD VALUE 'tag.renamed' BEFORE 'answer.accepted';
  ALTER TYPE "public"."enum_forum_moderation_actions_action" ADD VALUE 'tag.deleted' BEFORE 'answer.accepted';
  ALTER TABLE "forum_attachments" ADD COLUMN "is_published" boolean DEFAULT false;
  CREATE INDEX "forum_attachments_is_published_idx" ON "forum_attachments" USING btree ("is_published");`)
  // Uploads already attached to a post everyone reads stay readable by everyone.
  await db.execute(sql`
  UPDATE "forum_attachments" a SET "is_published" = (
      EXISTS (SELECT 1 FROM "discussions_rels" dr JOIN "discussions" d ON d.id = dr.parent_id
               WHERE dr.path = 'attachments' AND dr.forum_attachments_id = a.id
                 AND d.moderation_state = 'visible')
   OR EXISTS (SELECT 1 FROM "replies_rels" rr JOIN "replies" r ON r.id = rr.parent_id
               WHERE rr.path = 'attachments' AND rr.forum_attachments_id = a.id
                 AND r.moderation_state = 'visible' AND r.is_thread_visible));`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "forum_moderation_actions" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_forum_moderation_actions_action";
  CREATE TYPE "public"."enum_forum_moderation_actions_action" AS ENUM('discussion.pinned', 'discussion.unpinned', 'discussion.locked', 'discussion.closed', 'discussion.reopened', 'discussion.moved', 'post.hidden', 'post.unhidden', 'post.approved', 'post.edited', 'flag.dismissed', 'tags.merged', 'answer.accepted');
  ALTER TABLE "forum_moderation_actions" ALTER COLUMN "action" SET DATA TYPE "public"."enum_forum_moderation_actions_action" USING "action"::"public"."enum_forum_moderation_actions_action";
  DROP INDEX "forum_attachments_is_published_idx";
  ALTER TABLE "forum_attachments" DROP COLUMN "is_published";`)
}
