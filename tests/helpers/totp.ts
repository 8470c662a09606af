import { generate } from 'otplib'

const STEP_SECONDS = 30

/**
 * TOTP codes for a test, as an authenticator app gives them: each from a later time step than
 * the last (the server takes each step once). It allows one step of drift either way, so the
 * next step's code is used at once instead of waiting up to 30 s for it; only a third code
 * within one step waits for the clock.
 */
export function totpCodes(secret: string) {
  let last = Number.NEGATIVE_INFINITY
  return async function next(): Promise<string> {
    for (;;) {
      const now = Math.floor(Date.now() / 1000 / STEP_SECONDS)
      const step = Math.max(now, last + 1)
      if (step <= now + 1) {
        last = step
        return generate({ secret, epoch: step * STEP_SECONDS })
      }
      const nextStepAt = (now + 1) * STEP_SECONDS * 1000
      await new Promise((resolve) => setTimeout(resolve, nextStepAt - Date.now() + 50))
    }
  }
}
