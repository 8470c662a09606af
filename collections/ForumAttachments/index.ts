import path from 'node:path'

import {
  APIError,
  type Access,
  type CollectionBeforeChangeHook,
  type CollectionConfig,
} from 'payload'

import { forumPerson, ownOrModerator } from '@/access/forumPosts'
import { personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'
import { systemField } from '@/fields/systemField'
import { ATTACHMENT_MIME_TYPES, FORUM_LIMITS } from '@/lib/forum/config'
import { limitWrites } from '@/lib/forum/limits'
import { dataPath } from '@/lib/paths'

const IMAGE = /^image\/(png|jpeg|webp|gif)$/
const TEXT_EXTENSIONS = new Set([
  '.txt',
  '.md',
  '.csv',
  '.json',
  '.py',
  '.js',
  '.ts',
  '.tsx',
  '.jsx',
  '.yaml',
  '.yml',
  '.log',
  '.toml',
  '.ini',
  '.sh',
  '.ipynb',
])
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif'])

/**
 * Size, type and owner of an upload: images by their content, text and code files by their
 * extension, stored as text/plain (a file is never served as HTML or script), at most the
 * configured size; the uploader is the caller.
 */
const checkUpload: CollectionBeforeChangeHook = async ({ data, req, operation }) => {
  if (operation !== 'create') return data
  const userId = personId(req.user)
  if (userId !== null) await limitWrites(userId)
  const file = req.file
  if (file) {
    // The size as sent, as stored, or as read: whichever the door reports.
    const size = Math.max(
      Number(file.size) || 0,
      Number(data.filesize) || 0,
      file.data?.length ?? 0,
    )
    if (size > FORUM_LIMITS.attachmentBytes) {
      throw new APIError(
        `Attachments are at most ${FORUM_LIMITS.attachmentBytes / 1024 / 1024} MB.`,
        413,
        undefined,
        true,
      )
    }
    const extension = path.extname(file.name).toLowerCase()
    const isImage = IMAGE.test(file.mimetype) && IMAGE_EXTENSIONS.has(extension)
    if (!isImage && !TEXT_EXTENSIONS.has(extension)) {
      throw new APIError(
        'Attach images (PNG, JPEG, WebP, GIF) or text and code files (.txt, .md, .py, .json …).',
        415,
        undefined,
        true,
      )
    }
    if (!isImage) data.mimeType = 'text/plain'
  }
  data.uploadedBy = userId ?? data.uploadedBy
  return data
}

/**
 * Who reads (lists, downloads) an upload: its uploader and moderators always; everyone else
 * only once it is attached to a post everyone can read (`isPublished`, kept by the posts'
 * hooks). Uploads of held or hidden posts, and ones never attached, stay private.
 */
const readAttachments: Access = ({ req: { user } }) => {
  if (hasRole(user, 'moderator')) return true
  const published = { isPublished: { equals: true } }
  const id = personId(user)
  return id ? { or: [published, { uploadedBy: { equals: id } }] } : published
}

/**
 * Every download (disk or S3) is `nosniff`; anything but the accepted image types is served as
 * a plain-text download whatever its extension (`x.js` is never a script, `x.svg` never a page).
 */
export function safeAttachmentHeaders({ headers }: { headers: Headers }): Headers {
  const type = (headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Content-Security-Policy', "default-src 'none'; sandbox")
  if (!IMAGE.test(type)) {
    headers.set('Content-Type', 'text/plain; charset=utf-8')
    headers.set('Content-Disposition', 'attachment')
  }
  return headers
}

/** Files attached to discussions and replies, stored like other media (disk or S3). */
export const ForumAttachments: CollectionConfig = {
  slug: 'forum-attachments',
  labels: { singular: 'Attachment', plural: 'Attachments' },
  access: {
    read: readAttachments,
    create: forumPerson,
    update: ownOrModerator('uploadedBy'),
    delete: ownOrModerator('uploadedBy'),
  },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'mimeType', 'filesize', 'uploadedBy', 'createdAt'],
    group: 'Community',
  },
  upload: {
    staticDir: dataPath('forum-attachments'),
    mimeTypes: [...ATTACHMENT_MIME_TYPES],
    imageSizes: [{ name: 'thumbnail', width: 160, height: 160, position: 'centre' }],
    adminThumbnail: 'thumbnail',
    modifyResponseHeaders: safeAttachmentHeaders,
  },
  fields: [
    { name: 'alt', type: 'text', maxLength: 200 },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      admin: { readOnly: true, position: 'sidebar' },
      access: { update: () => false },
    },
    systemField({
      name: 'isPublished',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { description: 'Attached to a post everyone can read (kept by the system).' },
    }),
  ],
  hooks: { beforeChange: [checkUpload] },
}
