/**
 * Imported first by every entry point (scripts/*, the portal's server), so the environment is
 * checked before any other module is evaluated: modules read it as they load (Payload's config
 * does), and a bad value found there would end the process with a stack trace instead of the
 * message naming the variable.
 */
import { assertProductionEnv, env, EnvError, isProduction } from '../lib/env'

/** Prints why the environment is unusable and exits 1; production also needs its database and secret. */
export function checkEnvOrExit(): void {
  try {
    env()
    if (isProduction()) assertProductionEnv(env())
  } catch (error) {
    if (!(error instanceof EnvError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

checkEnvOrExit()
