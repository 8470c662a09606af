import type { Block } from 'payload'

import { CODE_LANGUAGES } from '@/lib/docs/sections'

/** One snippet per language, shown as tabs; the reader's language is remembered across pages. */
export const CodeGroupBlock: Block = {
  slug: 'codeGroup',
  labels: { singular: 'Code group', plural: 'Code groups' },
  interfaceName: 'CodeGroupBlock',
  fields: [
    { name: 'title', type: 'text', maxLength: 120 },
    {
      name: 'snippets',
      type: 'array',
      minRows: 1,
      maxRows: 6,
      required: true,
      fields: [
        {
          name: 'language',
          type: 'select',
          required: true,
          options: CODE_LANGUAGES.map(({ value, label }) => ({ value, label })),
        },
        // A plain textarea: Payload's code editor (Monaco) would load from a CDN, and the admin
        // loads nothing from outside the deployment (README, Admin panel).
        {
          name: 'code',
          type: 'textarea',
          required: true,
          maxLength: 20_000,
          admin: { rows: 12, className: 'font-mono' },
        },
      ],
    },
  ],
}

export const CalloutBlock: Block = {
  slug: 'callout',
  labels: { singular: 'Callout', plural: 'Callouts' },
  interfaceName: 'CalloutBlock',
  fields: [
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'note',
      options: [
        { value: 'note', label: 'Note' },
        { value: 'tip', label: 'Tip' },
        { value: 'warning', label: 'Warning' },
      ],
    },
    { name: 'title', type: 'text', maxLength: 120 },
    { name: 'text', type: 'textarea', required: true, maxLength: 2000 },
  ],
}

export const ImageBlock: Block = {
  slug: 'docImage',
  labels: { singular: 'Image', plural: 'Images' },
  interfaceName: 'DocImageBlock',
  fields: [
    { name: 'image', type: 'upload', relationTo: 'media', required: true },
    { name: 'caption', type: 'text', maxLength: 300 },
  ],
}

/**
 * Content that comes from the running portal, not from the page: the webhook event catalog,
 * the egress addresses and the retry schedule. Rendered by server components when the page is
 * (re)generated, from the same registry the code uses.
 */
export const LiveDataBlock: Block = {
  slug: 'liveData',
  labels: { singular: 'Live data', plural: 'Live data' },
  interfaceName: 'LiveDataBlock',
  fields: [
    {
      name: 'source',
      type: 'select',
      required: true,
      options: [
        { value: 'webhook-events', label: 'Webhook event catalog' },
        { value: 'webhook-egress-ips', label: 'Webhook egress addresses' },
        { value: 'webhook-retries', label: 'Webhook retry schedule' },
      ],
    },
  ],
}

export const DOCS_BLOCKS = [CodeGroupBlock, CalloutBlock, ImageBlock, LiveDataBlock]
