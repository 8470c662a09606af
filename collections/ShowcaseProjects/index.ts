import type { CollectionConfig, Field } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { hasRole } from '@/access/roles'
import {
  deleteProjects,
  manageProjects,
  readProjects,
  seesPendingRevision,
} from '@/access/showcaseAccess'
import { internalField, systemField, systemOnly } from '@/fields/systemField'
import {
  parseRepo,
  PROJECT_STATUSES,
  safeLink,
  SHOWCASE_LIMITS,
  SLUG_PATTERN,
  STATUS_LABELS,
  videoEmbed,
} from '@/lib/showcase/constants'

import { projectEndpoints } from './endpoints'
import {
  afterProjectChange,
  noteTouchedFields,
  prepareProject,
  removeProjectRows,
  reviewProject,
} from './hooks'

const storySection = (name: string, label: string): Field => ({
  name,
  label,
  type: 'textarea',
  maxLength: 20_000,
  admin: { description: 'Markdown.' },
})

const optionalText =
  (check: (value: string) => unknown, message: string) => (value: string | null | undefined) =>
    !value || check(value) ? true : message

const isModerator = ({ req }: { req: { user?: unknown } }) =>
  hasRole(req.user as never, 'moderator')
const isStaff = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as never, 'staff')

/**
 * A project built with TuneTrail: its story, screenshots, links and makers, what it is built
 * with, its review state (draft → submitted → published | rejected with a reason), the
 * featured flag staff set, the counts the system keeps, the GitHub facts the worker fetches
 * (src/lib/showcase/github.ts) and the optional API key that proves it uses the API.
 */
export const ShowcaseProjects: CollectionConfig = {
  slug: 'showcase-projects',
  labels: { singular: 'Showcase project', plural: 'Showcase projects' },
  access: {
    read: readProjects,
    create: authenticatedPerson,
    update: manageProjects,
    delete: deleteProjects,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'featured', 'votes', 'owner', 'updatedAt'],
    group: 'Showcase',
    description:
      'The review queue: filter by status “In review”, then approve (Published) or reject with a reason.',
    listSearchableFields: ['title', 'tagline', 'slug'],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 80 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 64,
      admin: { description: 'In the URL /showcase/projects/<slug>.' },
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && SLUG_PATTERN.test(value)
          ? true
          : 'Slug must be 1 to 64 lower-case letters, digits or dashes, not starting or ending with a dash.',
    },
    { name: 'tagline', type: 'text', required: true, maxLength: 80 },
    {
      name: 'story',
      type: 'group',
      fields: [
        storySection('whatItDoes', 'What it does'),
        storySection('howBuilt', 'How it was built'),
        storySection('challenges', 'Challenges'),
        storySection('whatsNext', 'What’s next'),
      ],
    },
    {
      name: 'screenshots',
      type: 'array',
      maxRows: SHOWCASE_LIMITS.maxScreenshots,
      fields: [
        { name: 'image', type: 'upload', relationTo: 'media', required: true },
        {
          name: 'alt',
          type: 'text',
          required: true,
          maxLength: 200,
          admin: { description: 'What the screenshot shows, for screen readers.' },
        },
      ],
    },
    {
      name: 'demoVideo',
      type: 'text',
      maxLength: 300,
      admin: {
        description: 'A YouTube, Vimeo or Loom link (shown with the privacy-enhanced player).',
      },
      validate: optionalText(videoEmbed, 'Demo video must be a YouTube, Vimeo or Loom link.'),
    },
    {
      name: 'demoUrl',
      type: 'text',
      maxLength: 500,
      validate: optionalText(safeLink, 'Demo link must be an http(s) URL.'),
    },
    {
      name: 'repository',
      type: 'text',
      maxLength: 200,
      admin: { description: 'A public GitHub repository: owner/name or its URL.' },
      validate: optionalText(parseRepo, 'Repository must be a GitHub owner/name or its URL.'),
    },
    {
      name: 'makers',
      type: 'array',
      maxRows: 10,
      admin: { description: 'Listed once they accept (from “My projects”).' },
      fields: [
        { name: 'user', type: 'relationship', relationTo: 'users', required: true },
        {
          name: 'accepted',
          type: 'checkbox',
          defaultValue: false,
          admin: { readOnly: true },
          access: { create: () => false, update: () => false },
        },
      ],
    },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true },
    {
      name: 'techStack',
      type: 'relationship',
      relationTo: 'showcase-topics',
      hasMany: true,
      maxRows: 12,
      filterOptions: { kind: { equals: 'tech' } },
    },
    {
      name: 'useCases',
      type: 'relationship',
      relationTo: 'showcase-topics',
      hasMany: true,
      maxRows: 6,
      filterOptions: { kind: { equals: 'use-case' } },
    },
    {
      name: 'tags',
      type: 'array',
      maxRows: 10,
      fields: [{ name: 'tag', type: 'text', required: true, maxLength: 30 }],
    },
    { name: 'models', type: 'relationship', relationTo: 'ml-models', hasMany: true, maxRows: 10 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: PROJECT_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'rejectionReason',
      type: 'textarea',
      maxLength: 1000,
      access: { create: () => false, update: isModerator },
      admin: { position: 'sidebar', description: 'Required to reject; the makers read it.' },
    },
    {
      name: 'featured',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: { create: () => false, update: isStaff },
      admin: { position: 'sidebar' },
    },
    {
      name: 'pendingRevision',
      type: 'json',
      admin: {
        readOnly: true,
        position: 'sidebar',
        description:
          'Changes a maker made to the published page, waiting for review (approve or reject them from the review queue).',
        // Read-only JSON without Payload's code editor (which would load Monaco from a CDN).
        components: { Field: '@/components/JsonView#JsonView' },
      },
      access: { create: systemOnly, update: systemOnly, read: seesPendingRevision },
    },
    systemField({ name: 'featuredAt', type: 'date', index: true }),
    systemField({ name: 'publishedAt', type: 'date', index: true }),
    systemField({ name: 'reviewedBy', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'owner', type: 'relationship', relationTo: 'users', index: true }),
    systemField({ name: 'votes', type: 'number', defaultValue: 0, index: true }),
    systemField({ name: 'comments', type: 'number', defaultValue: 0 }),
    {
      name: 'github',
      type: 'group',
      admin: { readOnly: true, description: 'Fetched from GitHub daily by the worker.' },
      access: { create: () => false, update: () => false },
      fields: [
        { name: 'description', type: 'text' },
        { name: 'stars', type: 'number' },
        { name: 'language', type: 'text' },
        { name: 'topics', type: 'text', admin: { description: 'Comma-separated.' } },
        { name: 'license', type: 'text' },
        { name: 'pushedAt', type: 'date' },
        { name: 'fetchedAt', type: 'date' },
        { name: 'error', type: 'text' },
      ],
    },
    internalField({ name: 'githubEtag', type: 'text' }),
    {
      name: 'usageKey',
      type: 'relationship',
      relationTo: 'api-keys',
      admin: {
        position: 'sidebar',
        description:
          'One of your own API keys, to show “uses the TuneTrail API” from its real usage.',
      },
    },
    {
      name: 'showUsageCounts',
      type: 'checkbox',
      defaultValue: false,
      admin: { position: 'sidebar', description: 'Show how many calls, not just which endpoints.' },
    },
  ],
  endpoints: projectEndpoints,
  hooks: {
    beforeOperation: [noteTouchedFields],
    beforeValidate: [prepareProject],
    beforeChange: [reviewProject],
    afterChange: [afterProjectChange],
    beforeDelete: [removeProjectRows],
  },
  timestamps: true,
}
