import * as migration_20261125_184019_initial from './20261125_184019_initial';
import * as migration_20261125_184027_worker_heartbeats from './20261125_184027_worker_heartbeats';

export const migrations = [
  {
    up: migration_20261125_184019_initial.up,
    down: migration_20261125_184019_initial.down,
    name: '20261125_184019_initial',
  },
  {
    up: migration_20261125_184027_worker_heartbeats.up,
    down: migration_20261125_184027_worker_heartbeats.down,
    name: '20261125_184027_worker_heartbeats'
  },
];
