import { z } from 'zod'

import { parseRange, rangeMatcher } from './net/ip'

/** Empty strings in the environment mean "unset". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

const url = (protocols: string[], example: string) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be a URL such as ${example}`,
    )

/** A whole number in [min, max]; unset or empty means `fallback`. */
const wholeNumber = (fallback: number, min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`
  return z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : Number(value)),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  )
}

/** Loopback, private and link-local addresses, and single-label names (a compose service). */
function isNearbyHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || (!host.includes('.') && !host.includes(':'))) return true
  return rangeMatcher([
    '127.0.0.0/8',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '169.254.0.0/16',
    '::1/128',
    'fc00::/7',
    'fe80::/10',
  ])(host)
}

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value)

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'], 'postgres://user:pass@host:5432/db')),
  REDIS_URL: optional(url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379')),
  PAYLOAD_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  SERVER_URL: optional(url(['http:', 'https:'], 'https://community.example.com')),
  PORT: wholeNumber(3000, 1, 65535),
  // Where TuneTrail's own API answers (the docs and the OpenAPI document's /v1 operations).
  TUNETRAIL_API_URL: optional(url(['http:', 'https:'], 'https://api.tunetrail.dev')),
  SMTP_URL: optional(url(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.com:587')),
  MAIL_FROM: optional(z.string().min(3)),
  S3_ENDPOINT: optional(url(['http:', 'https:'], 'https://s3.eu-west-1.amazonaws.com')),
  S3_BUCKET: optional(z.string().min(3)),
  S3_REGION: optional(z.string().min(2)),
  S3_ACCESS_KEY_ID: optional(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  WORKER: optional(z.enum(['in-process', 'off'])),
  REDIS_KEY_PREFIX: optional(z.string().max(64)),
  WEBHOOK_ALLOW_LOOPBACK: z.preprocess((value) => value === 'true' || value === '1', z.boolean()),
  WEBHOOK_EGRESS_IPS: optional(z.string().max(500)),
  // Webhook attempts in flight at once per worker process (a runner of their own).
  WEBHOOK_CONCURRENCY: wholeNumber(8, 1, 256),
  WEBHOOK_TIMEOUT_MS: wholeNumber(15_000, 100, 60_000),
  // Addresses or CIDR ranges of the proxies in front, whose X-Forwarded-For is believed.
  TRUSTED_PROXIES: optional(
    z
      .string()
      .max(2000)
      .refine(
        (value) =>
          value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean)
            .every((entry) => parseRange(entry) !== null),
        'must be a comma-separated list of IP addresses or CIDR ranges, like 10.0.0.0/8',
      ),
  ),
  // Sign-ups admitted per client address and hour (raise it behind a shared NAT).
  SIGNUPS_PER_IP_PER_HOUR: wholeNumber(10, 1, 100_000),
  VERIFIER: optional(z.enum(['in-process', 'off'])),
  VERIFIER_PORT: wholeNumber(3001, 0, 65535),
  // Where the worker's status check reaches the verifier when it runs elsewhere (set by the
  // operator, so not held to the checks' public-address rule). Unset: this host's VERIFIER_PORT.
  VERIFIER_URL: optional(url(['http:', 'https:'], 'http://verifier:3001')),
  USAGE_RETENTION_DAYS: wholeNumber(30, 1, 3650),
  ROLLUP_RETENTION_DAYS: wholeNumber(400, 1, 3650),
  DATA_DIR: optional(z.string().min(1)),
  // The docs assistant's language model: any OpenAI-compatible /chat/completions endpoint.
  // Unset: the assistant answers with the best passages of the docs themselves.
  ASSISTANT_OPENAI_BASE_URL: optional(
    url(['http:', 'https:'], 'https://api.openai.com/v1').refine(
      (value) => new URL(value).protocol === 'https:' || isNearbyHost(new URL(value).hostname),
      'must use https (http only for localhost, a private address or an internal host name): the API key would travel in clear text',
    ),
  ),
  ASSISTANT_API_KEY: optional(z.string().min(1).max(1000)),
  ASSISTANT_MODEL: optional(z.string().min(1).max(200)),
  ASSISTANT_TIMEOUT_MS: wholeNumber(30_000, 1000, 300_000),
  EMBEDDED_PG_PORT: wholeNumber(54329, 1024, 65535),
  // The SaaS edition's billing (/settings/billing, invoices): off unless `on`.
  BILLING: z.preprocess(blankAsUnset, z.enum(['on', 'off']).default('off')),
  // Who takes the money: `manual` (staff mark invoices paid in /admin) or `stripe`.
  BILLING_PROVIDER: z.preprocess(blankAsUnset, z.enum(['manual', 'stripe']).default('manual')),
  STRIPE_SECRET_KEY: optional(z.string().min(8)),
  STRIPE_WEBHOOK_SECRET: optional(z.string().min(8)),
  // Where Stripe's API answers (a local fake in tests); unset: api.stripe.com.
  STRIPE_API_URL: optional(url(['http:', 'https:'], 'https://api.stripe.com')),
  // Stripe price ids per plan, like `starter=price_123,pro=price_456`.
  STRIPE_PRICES: optional(z.string().max(1000)),
  // The showcase's GitHub facts (src/lib/showcase/github.ts): the REST API's base (a local fake
  // in tests), and a token for the higher rate limit (unauthenticated when unset).
  GITHUB_API_URL: optional(
    url(['http:', 'https:'], 'https://api.github.com').refine(
      (value) => new URL(value).protocol === 'https:' || isNearbyHost(new URL(value).hostname),
      'must use https (http only for localhost, a private address or an internal host name)',
    ),
  ),
  GITHUB_TOKEN: optional(z.string().min(1).max(500)),
})

export type Env = z.infer<typeof envSchema>

export class EnvError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EnvError'
  }
}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const env = result.data
  if (source.TRUSTED_PROXY_HOPS) {
    throw new EnvError(
      'Invalid configuration:\n  TRUSTED_PROXY_HOPS: replaced by TRUSTED_PROXIES, the addresses or CIDR ranges of the proxies in front (see .env.example)',
    )
  }
  const s3 = [env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY]
  if (s3.some(Boolean) && !s3.every(Boolean)) {
    throw new EnvError(
      'Invalid configuration:\n  S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set all three or none',
    )
  }
  if (Boolean(env.ASSISTANT_OPENAI_BASE_URL) !== Boolean(env.ASSISTANT_MODEL)) {
    throw new EnvError(
      'Invalid configuration:\n  ASSISTANT_OPENAI_BASE_URL and ASSISTANT_MODEL: set both or neither',
    )
  }
  if (env.ASSISTANT_API_KEY && !env.ASSISTANT_OPENAI_BASE_URL) {
    throw new EnvError(
      'Invalid configuration:\n  ASSISTANT_API_KEY: set ASSISTANT_OPENAI_BASE_URL and ASSISTANT_MODEL too',
    )
  }
  if (env.BILLING_PROVIDER === 'stripe' && (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET)) {
    throw new EnvError(
      'Invalid configuration:\n  STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: set both when BILLING_PROVIDER=stripe',
    )
  }
  return env
}

/** Production refuses to boot without a real database and secret. */
export function assertProductionEnv(env: Env): void {
  const missing = (['DATABASE_URL', 'PAYLOAD_SECRET'] as const).filter((name) => !env[name])
  if (missing.length > 0) {
    throw new EnvError(
      `Refusing to start in production: ${missing.join(' and ')} must be set (see .env.example).`,
    )
  }
}

let cached: Env | undefined

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** Sets a variable resolved at boot (embedded database URL, generated secret) for this process and its children. */
export function setEnv(name: keyof Env, value: string): void {
  ;(process.env as Record<string, string>)[name] = value
  cached = undefined
}

export const isProduction = () => env().NODE_ENV === 'production'

/** True while `next build` collects pages: nothing may connect or demand secrets then. */
export const isBuildPhase = () => process.env.NEXT_PHASE === 'phase-production-build'
