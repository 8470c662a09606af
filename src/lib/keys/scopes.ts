/**
 * The one registry of API key scopes, with the descriptions the portal shows.
 * Service scopes are for TuneTrail's own services: only staff and admins may grant them.
 */
export const SCOPES = {
  'tracks:read': {
    description: 'Read tracks, their metadata and audio features.',
    isService: false,
  },
  'tracks:write': { description: 'Create, update and delete tracks.', isService: false },
  'recommendations:read': {
    description: 'Get recommendations and similar tracks.',
    isService: false,
  },
  'audio:process': { description: 'Submit audio for analysis and processing.', isService: false },
  'models:read': { description: 'List and download models.', isService: false },
  'models:write': { description: 'Upload and edit models.', isService: false },
  'models:train': { description: 'Start and manage training runs.', isService: false },
  'community:write': { description: 'Post discussions, replies and reactions.', isService: false },
  'webhooks:manage': { description: 'Create and edit webhook endpoints.', isService: false },
  'usage:read': { description: 'Read usage and rate-limit status.', isService: false },
  'keys:verify': { description: 'Verify API keys (TuneTrail services only).', isService: true },
  'events:publish': {
    description: 'Publish webhook events (TuneTrail services only).',
    isService: true,
  },
  'usage:report': {
    description: 'Report gateway request outcomes (TuneTrail services only).',
    isService: true,
  },
} as const satisfies Record<string, { description: string; isService: boolean }>

export type Scope = keyof typeof SCOPES

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[]

export const isScope = (value: string): value is Scope => Object.hasOwn(SCOPES, value)

/** Scopes a grantor may put on a key: service scopes need staff or above. */
export const grantableScopes = (isStaff: boolean): Scope[] =>
  ALL_SCOPES.filter((scope) => isStaff || !SCOPES[scope].isService)
