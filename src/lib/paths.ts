import path from 'node:path'

import { env } from './env'

/** Root of everything the portal keeps on local disk when no external service is configured. */
export const dataDir = () => path.resolve(env().DATA_DIR ?? '.data')

export const dataPath = (...parts: string[]) => path.join(dataDir(), ...parts)
