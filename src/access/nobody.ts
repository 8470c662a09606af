import type { Access } from 'payload'

/** Written only by the system (Local API with overrideAccess). */
export const nobody: Access = () => false
