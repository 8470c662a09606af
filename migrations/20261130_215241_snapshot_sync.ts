import { MigrateUpArgs, MigrateDownArgs } from '@payloadcms/db-postgres'

/**
 * No schema change: the model hub, the status review and the forum were built side by side and
 * their migrations already made every table and column. This migration's JSON snapshot is the
 * whole schema again, so the next `migrate:create` compares against all of it.
 */
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
