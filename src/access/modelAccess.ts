import type { Access, PayloadRequest, Where } from 'payload'

import type { KeyUser } from '@/lib/keys/collectionScopes'

import { organizationIdsWithRole } from './organizationAccess'
import { hasRole } from './roles'

type Memberships = { member: (string | number)[]; managed: (string | number)[] }

/** The organizations the request's person belongs to and manages, read once per request. */
async function memberships(req: PayloadRequest): Promise<Memberships> {
  const cached = req.context.modelMemberships as Memberships | undefined
  if (cached) return cached
  const rows = await organizationIdsWithRole(req, ['owner', 'admin', 'member'])
  const managed = await organizationIdsWithRole(req, ['owner', 'admin'])
  const result = { member: rows, managed }
  req.context.modelMemberships = result
  return result
}

const prefixed = (prefix: string, where: Where): Where =>
  prefix
    ? (Object.fromEntries(
        Object.entries(where).map(([key, value]) =>
          key === 'and' || key === 'or'
            ? [key, (value as Where[]).map((inner) => prefixed(prefix, inner))]
            : [`${prefix}.${key}`, value],
        ),
      ) as Where)
    : where

const PUBLISHED_PUBLIC: Where = {
  and: [{ visibility: { equals: 'public' } }, { status: { equals: 'published' } }],
}

/**
 * Models the request may manage (edit, upload to, publish, delete): the owner's, and an
 * organization's for its owners and admins; an API key its own account's only; staff all.
 * `prefix` applies the rule through a relationship (`model` on files, versions …).
 */
export async function modelManageWhere(req: PayloadRequest, prefix = ''): Promise<boolean | Where> {
  const { user } = req
  if (!user) return false
  const apiKey = (user as KeyUser).apiKey
  if (apiKey) {
    return prefixed(
      prefix,
      apiKey.organizationId
        ? { organization: { equals: apiKey.organizationId } }
        : { owner: { equals: user.id } },
    )
  }
  if (hasRole(user, 'staff')) return true
  const { managed } = await memberships(req)
  const own: Where = { owner: { equals: user.id } }
  return prefixed(prefix, managed.length ? { or: [own, { organization: { in: managed } }] } : own)
}

/**
 * Models the request may see: published public ones for everyone; its own in any state;
 * organization models (published) for the organization's members; drafts and private ones of
 * an organization for its owners and admins; staff all. REST, GraphQL, the pages and the
 * download route all come through this rule.
 */
export async function modelReadWhere(req: PayloadRequest, prefix = ''): Promise<boolean | Where> {
  const { user } = req
  if (!user) return prefixed(prefix, PUBLISHED_PUBLIC)
  if (hasRole(user, 'staff')) return true
  const manage = await modelManageWhere(req)
  const apiKey = (user as KeyUser).apiKey
  const alternatives: Where[] = [PUBLISHED_PUBLIC, manage as Where]
  if (!apiKey) {
    const { member } = await memberships(req)
    if (member.length) {
      alternatives.push({
        and: [
          { organization: { in: member } },
          { visibility: { equals: 'organization' } },
          { status: { equals: 'published' } },
        ],
      })
    }
  } else if (apiKey.organizationId) {
    alternatives.push({ organization: { equals: apiKey.organizationId } })
  }
  return prefixed(prefix, { or: alternatives })
}

export const canReadModel: Access = ({ req }) => modelReadWhere(req)
export const canManageModel: Access = ({ req }) => modelManageWhere(req)

/** Documents hanging off a model (versions, files …): readable when the model is. */
export const canReadThroughModel: Access = ({ req }) => modelReadWhere(req, 'model')
/** … and written by whoever manages the model. */
export const canManageThroughModel: Access = ({ req }) => modelManageWhere(req, 'model')

/**
 * Versions and their files: readable with the model, and while not yet published (a draft, or
 * waiting for its scan) only by whoever manages the model. `statusField` is where the
 * version's state sits (`status` on a version, `version.status` on a file).
 */
export const canReadVersioned =
  (statusField: string): Access =>
  async ({ req }) => {
    const read = await modelReadWhere(req, 'model')
    if (read === true) return true
    if (read === false) return false
    const manage = await modelManageWhere(req, 'model')
    const published: Where = { [statusField]: { equals: 'published' } }
    return { and: [read, manage === false ? published : { or: [published, manage as Where] }] }
  }

/**
 * True when the request may manage the model `id` (the check for creating documents that hang
 * off a model, where an access rule cannot return a query): a body naming someone else's model
 * finds nothing.
 */
export async function managesModel(req: PayloadRequest, id: unknown): Promise<boolean> {
  const manage = await modelManageWhere(req)
  if (manage === false || id === undefined || id === null || id === '') return false
  const { totalDocs } = await req.payload.count({
    collection: 'ml-models',
    where: manage === true ? { id: { equals: id } } : { and: [{ id: { equals: id } }, manage] },
    overrideAccess: true,
    req,
  })
  return totalDocs === 1
}

/** True when the request may see the model `id` (stars, ratings and comments need that). */
export async function seesModel(req: PayloadRequest, id: unknown): Promise<boolean> {
  const read = await modelReadWhere(req)
  if (read === false || id === undefined || id === null || id === '') return false
  const { totalDocs } = await req.payload.count({
    collection: 'ml-models',
    where: read === true ? { id: { equals: id } } : { and: [{ id: { equals: id } }, read] },
    overrideAccess: true,
    req,
  })
  return totalDocs === 1
}
