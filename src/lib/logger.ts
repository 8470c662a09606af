import pino from 'pino'

/**
 * Structured logger for code that runs outside a Payload request (scripts, worker, health).
 * Never pass a secret or a full API key in a field.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { svc: 'tunetrail-portal' },
  redact: ['*.password', '*.token', '*.secret', '*.key', 'password', 'token', 'secret', 'key'],
})
