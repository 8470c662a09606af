import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * No change: the showcase's pending revisions (20261201_025618) and the Stripe events table
 * (20261201_030743) were made on parallel branches, so the later one's snapshot lacked the
 * former's columns. This migration only carries the merged snapshot (its .json) for the next
 * `migrate:create` to diff against.
 */
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
