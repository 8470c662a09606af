import type { ScopeRule } from '../../keys/collectionScopes'
import { SCOPES } from '../../keys/scopes'

/**
 * Security schemes. An API key's scopes are listed in the operation's security requirement
 * (`{ apiKey: ['webhooks:manage'] }`): OpenAPI 3.1 lets a requirement of any scheme type name
 * the roles it needs, so the scopes sit where tools look for them without pretending keys are
 * OAuth tokens. `x-scopes` on the scheme lists every scope with its description, from the one
 * registry (src/lib/keys/scopes.ts); `x-required-scopes` repeats an operation's scope for
 * readers that skip requirements.
 */
export const securitySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'tt_live_… or tt_test_…',
    description:
      'An API key: `Authorization: Bearer tt_live_…` (or `tt_test_…`). What it may do is limited by its scopes, listed per operation.',
    'x-scopes': Object.fromEntries(
      Object.entries(SCOPES).map(([scope, { description }]) => [scope, description]),
    ),
  },
  jwt: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'A session token from POST /api/users/login: `Authorization: JWT <token>`.',
  },
  cookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'payload-token',
    description: 'The same session token, as the cookie POST /api/users/login sets.',
  },
} as const

/** Who may call an operation. */
export type Who =
  | { kind: 'anyone' }
  /** A signed-in person only; keys are refused. */
  | { kind: 'person' }
  /** A person, or a key that satisfies the rule ('none' closes it to keys). */
  | { kind: 'account'; rule: ScopeRule }
  /** A TuneTrail service's key holding a service scope. */
  | { kind: 'service'; scope: string }

const session: Record<string, string[]>[] = [{ jwt: [] }, { cookie: [] }]

export function security(who: Who): { security: Record<string, string[]>[]; [k: string]: unknown } {
  switch (who.kind) {
    case 'anyone':
      return { security: [{}, ...session] }
    case 'person':
      return { security: session }
    case 'service':
      return { security: [{ apiKey: [who.scope] }], 'x-required-scopes': [who.scope] }
    case 'account': {
      if (who.rule === 'none') return { security: session }
      const scopes = who.rule === 'any' ? [] : [who.rule]
      return { security: [{ apiKey: scopes }, ...session], 'x-required-scopes': scopes }
    }
  }
}
