import * as migration_20261125_184019_initial from './20261125_184019_initial';
import * as migration_20261125_184027_worker_heartbeats from './20261125_184027_worker_heartbeats';
import * as migration_20261125_221952_api_keys from './20261125_221952_api_keys';
import * as migration_20261125_221958_usage_tables from './20261125_221958_usage_tables';
import * as migration_20261125_230927_webhooks from './20261125_230927_webhooks';
import * as migration_20261130_055755_delivery_lease from './20261130_055755_delivery_lease';
import * as migration_20261130_061112_pending_email_own_sessions from './20261130_061112_pending_email_own_sessions';
import * as migration_20261130_061148_user_sessions from './20261130_061148_user_sessions';
import * as migration_20261130_064913_delivery_lease_index from './20261130_064913_delivery_lease_index';
import * as migration_20261130_081127_outbox_notifications from './20261130_081127_outbox_notifications';
import * as migration_20261130_081140_event_consumptions from './20261130_081140_event_consumptions';
import * as migration_20261130_114122_docs_pages from './20261130_114122_docs_pages';
import * as migration_20261130_134412_docs_search from './20261130_134412_docs_search';
import * as migration_20261130_163500_usage_analytics from './20261130_163500_usage_analytics';
import * as migration_20261130_164925_status_page from './20261130_164925_status_page';
import * as migration_20261130_164956_status_checks from './20261130_164956_status_checks';
import * as migration_20261130_200931_model_hub from './20261130_200931_model_hub';
import * as migration_20261130_201016_model_hub_search from './20261130_201016_model_hub_search';
import * as migration_20261130_202012_status_review from './20261130_202012_status_review';
import * as migration_20261130_204856_forum from './20261130_204856_forum';
import * as migration_20261130_205018_forum_tables from './20261130_205018_forum_tables';
import * as migration_20261130_215241_snapshot_sync from './20261130_215241_snapshot_sync';
import * as migration_20261130_233000_account_security from './20261130_233000_account_security';
import * as migration_20261130_233016_account_data_billing from './20261130_233016_account_data_billing';
import * as migration_20261130_233028_showcase from './20261130_233028_showcase';
import * as migration_20261130_234253_forum_review_fixes from './20261130_234253_forum_review_fixes';
import * as migration_20261201_005838_snapshot_sync from './20261201_005838_snapshot_sync';
import * as migration_20261201_025618_showcase_pending_revisions_maker_invites from './20261201_025618_showcase_pending_revisions_maker_invites';
import * as migration_20261201_030743_stripe_events from './20261201_030743_stripe_events';
import * as migration_20261201_033717_snapshot_sync from './20261201_033717_snapshot_sync';
import * as migration_20261201_045538_billing_stripe_periods from './20261201_045538_billing_stripe_periods';

export const migrations = [
  {
    up: migration_20261125_184019_initial.up,
    down: migration_20261125_184019_initial.down,
    name: '20261125_184019_initial',
  },
  {
    up: migration_20261125_184027_worker_heartbeats.up,
    down: migration_20261125_184027_worker_heartbeats.down,
    name: '20261125_184027_worker_heartbeats',
  },
  {
    up: migration_20261125_221952_api_keys.up,
    down: migration_20261125_221952_api_keys.down,
    name: '20261125_221952_api_keys',
  },
  {
    up: migration_20261125_221958_usage_tables.up,
    down: migration_20261125_221958_usage_tables.down,
    name: '20261125_221958_usage_tables',
  },
  {
    up: migration_20261125_230927_webhooks.up,
    down: migration_20261125_230927_webhooks.down,
    name: '20261125_230927_webhooks',
  },
  {
    up: migration_20261130_055755_delivery_lease.up,
    down: migration_20261130_055755_delivery_lease.down,
    name: '20261130_055755_delivery_lease',
  },
  {
    up: migration_20261130_061112_pending_email_own_sessions.up,
    down: migration_20261130_061112_pending_email_own_sessions.down,
    name: '20261130_061112_pending_email_own_sessions',
  },
  {
    up: migration_20261130_061148_user_sessions.up,
    down: migration_20261130_061148_user_sessions.down,
    name: '20261130_061148_user_sessions',
  },
  {
    up: migration_20261130_064913_delivery_lease_index.up,
    down: migration_20261130_064913_delivery_lease_index.down,
    name: '20261130_064913_delivery_lease_index',
  },
  {
    up: migration_20261130_081127_outbox_notifications.up,
    down: migration_20261130_081127_outbox_notifications.down,
    name: '20261130_081127_outbox_notifications',
  },
  {
    up: migration_20261130_081140_event_consumptions.up,
    down: migration_20261130_081140_event_consumptions.down,
    name: '20261130_081140_event_consumptions',
  },
  {
    up: migration_20261130_114122_docs_pages.up,
    down: migration_20261130_114122_docs_pages.down,
    name: '20261130_114122_docs_pages',
  },
  {
    up: migration_20261130_134412_docs_search.up,
    down: migration_20261130_134412_docs_search.down,
    name: '20261130_134412_docs_search',
  },
  {
    up: migration_20261130_163500_usage_analytics.up,
    down: migration_20261130_163500_usage_analytics.down,
    name: '20261130_163500_usage_analytics',
  },
  {
    up: migration_20261130_164925_status_page.up,
    down: migration_20261130_164925_status_page.down,
    name: '20261130_164925_status_page',
  },
  {
    up: migration_20261130_164956_status_checks.up,
    down: migration_20261130_164956_status_checks.down,
    name: '20261130_164956_status_checks',
  },
  {
    up: migration_20261130_200931_model_hub.up,
    down: migration_20261130_200931_model_hub.down,
    name: '20261130_200931_model_hub',
  },
  {
    up: migration_20261130_201016_model_hub_search.up,
    down: migration_20261130_201016_model_hub_search.down,
    name: '20261130_201016_model_hub_search',
  },
  {
    up: migration_20261130_202012_status_review.up,
    down: migration_20261130_202012_status_review.down,
    name: '20261130_202012_status_review',
  },
  {
    up: migration_20261130_204856_forum.up,
    down: migration_20261130_204856_forum.down,
    name: '20261130_204856_forum',
  },
  {
    up: migration_20261130_205018_forum_tables.up,
    down: migration_20261130_205018_forum_tables.down,
    name: '20261130_205018_forum_tables',
  },
  {
    up: migration_20261130_215241_snapshot_sync.up,
    down: migration_20261130_215241_snapshot_sync.down,
    name: '20261130_215241_snapshot_sync',
  },
  {
    up: migration_20261130_233000_account_security.up,
    down: migration_20261130_233000_account_security.down,
    name: '20261130_233000_account_security',
  },
  {
    up: migration_20261130_233016_account_data_billing.up,
    down: migration_20261130_233016_account_data_billing.down,
    name: '20261130_233016_account_data_billing',
  },
  {
    up: migration_20261130_233028_showcase.up,
    down: migration_20261130_233028_showcase.down,
    name: '20261130_233028_showcase',
  },
  {
    up: migration_20261130_234253_forum_review_fixes.up,
    down: migration_20261130_234253_forum_review_fixes.down,
    name: '20261130_234253_forum_review_fixes',
  },
  {
    up: migration_20261201_005838_snapshot_sync.up,
    down: migration_20261201_005838_snapshot_sync.down,
    name: '20261201_005838_snapshot_sync',
  },
  {
    up: migration_20261201_025618_showcase_pending_revisions_maker_invites.up,
    down: migration_20261201_025618_showcase_pending_revisions_maker_invites.down,
    name: '20261201_025618_showcase_pending_revisions_maker_invites',
  },
  {
    up: migration_20261201_030743_stripe_events.up,
    down: migration_20261201_030743_stripe_events.down,
    name: '20261201_030743_stripe_events',
  },
  {
    up: migration_20261201_033717_snapshot_sync.up,
    down: migration_20261201_033717_snapshot_sync.down,
    name: '20261201_033717_snapshot_sync',
  },
  {
    up: migration_20261201_045538_billing_stripe_periods.up,
    down: migration_20261201_045538_billing_stripe_periods.down,
    name: '20261201_045538_billing_stripe_periods'
  },
];
