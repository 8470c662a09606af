import { fileURLToPath } from 'node:url'

import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

import { INT_TEST_WORKERS } from './tests/helpers/workers'

export default defineConfig({
  plugins: [tsconfigPaths()],
  // Tests run server code directly: `server-only` is what it is under React's server condition.
  resolve: {
    alias: {
      'server-only': fileURLToPath(
        import.meta.resolve('server-only').replace(/index\.js$/, 'empty.js'),
      ),
    },
  },
  test: {
    environment: 'node',
    include: ['tests/int/**/*.int.spec.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    // Each worker has its own copy of the run's database (tests/helpers/workerSetup.ts).
    setupFiles: ['tests/helpers/workerSetup.ts'],
    maxWorkers: INT_TEST_WORKERS,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // graphql-scalars too: with @payloadcms/graphql it must share one copy of graphql (ESM) for
    // tests that run the GraphQL schema.
    server: { deps: { inline: [/@payloadcms/, /graphql-scalars/] } },
  },
})
