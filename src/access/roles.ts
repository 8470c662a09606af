export const ROLES = ['member', 'moderator', 'staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = { roles?: (Role | string)[] | null; collection?: string } | null | undefined

const rank = (role: Role | string) => ROLES.indexOf(role as Role)

/** True when the user holds `role` or any role above it (member < moderator < staff < admin). */
export function hasRole(user: MaybeUser, role: Role): boolean {
  if (!user || (user.collection && user.collection !== 'users')) return false
  const roles = user.roles ?? []
  return roles.some((held) => rank(held) >= rank(role))
}
