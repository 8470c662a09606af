import { MigrateUpArgs, MigrateDownArgs } from '@payloadcms/db-postgres'

/**
 * No change: the branches merged here (account security, account data and billing, showcase, the
 * forum's review fixes) each carried a migration against the same earlier snapshot; every
 * statement a diff finds now is in one of them. This migration only records the merged schema's
 * snapshot (its .json) so the next migrate:create diffs against all of them.
 */
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
