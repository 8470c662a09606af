import type { SanitizedCollectionConfig } from 'payload'

/**
 * Routes that exist but are not part of the public API, each with the reason. The document
 * leaves them out and the coverage test (tests/int/openapiCoverage.int.spec.ts) accepts their
 * absence; every other route must be documented.
 */
const INTERNAL_COLLECTION_ROUTES: Record<string, string> = {
  'post /access/{id}': "The admin panel's permissions for one document.",
  'get /init': "The admin panel's first-run check (is there a user yet).",
  'post /first-register':
    "The admin panel's first account; production uses `npm run create-admin`.",
  'get /paste-url/{id}': "The admin panel's upload-from-URL helper.",
}

/** Reason a Payload collection route is internal, or undefined when it is public. */
export function internalCollectionRoute(
  collection: SanitizedCollectionConfig,
  key: string,
): string | undefined {
  if (collection.slug.startsWith('payload-')) {
    return "Payload's own collection (preferences, locks, migrations): admin panel only, closed to keys."
  }
  if (!collection.versions && key.includes(' /versions')) {
    return 'Versions are off for this collection: Payload registers the routes, they hold nothing.'
  }
  return INTERNAL_COLLECTION_ROUTES[key]
}

/** Root and app routes (`method /api/…`) that are internal. */
export const INTERNAL_ROUTES: Record<string, string> = {
  'get /api/access': "The admin panel's permissions of the signed-in user.",
  'get /api/graphql-playground': 'A development tool (GraphQL IDE), off in production.',
  'post /api/billing/stripe/webhook':
    "Stripe's signed events for the SaaS edition's billing (BILLING=on): called by Stripe, not by API clients.",
}
