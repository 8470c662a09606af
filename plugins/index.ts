import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

import { env } from '@/lib/env'

import { apiKeyScopes } from './apiKeyScopes'
import { inputGuard } from './inputGuard'

/** The one place plugins are configured. */
export function plugins(): Plugin[] {
  const { S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env()
  return [
    inputGuard(),
    apiKeyScopes(),
    s3Storage({
      enabled: Boolean(S3_BUCKET),
      collections: { media: true, 'forum-attachments': true },
      bucket: S3_BUCKET ?? 'unset',
      config: {
        endpoint: S3_ENDPOINT,
        region: S3_REGION ?? 'us-east-1',
        forcePathStyle: Boolean(S3_ENDPOINT),
        credentials: {
          accessKeyId: S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: S3_SECRET_ACCESS_KEY ?? '',
        },
      },
    }),
  ]
}
