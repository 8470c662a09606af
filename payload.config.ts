import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { ApiKeys } from './collections/ApiKeys'
import { AuditLogs } from './collections/AuditLogs'
import { Invoices } from './collections/Invoices'
import { Discussions } from './collections/Discussions'
import { DocsFeedback } from './collections/DocsFeedback'
import { DocsPages } from './collections/DocsPages'
import { Flags } from './collections/Flags'
import { ForumAttachments } from './collections/ForumAttachments'
import { ForumCategories } from './collections/ForumCategories'
import { Media } from './collections/Media'
import { ModerationActions } from './collections/ModerationActions'
import { MlModels } from './collections/MlModels'
import { ModelComments } from './collections/ModelComments'
import { ModelFiles } from './collections/ModelFiles'
import { ModelRatings } from './collections/ModelRatings'
import { ModelStars } from './collections/ModelStars'
import { ModelVersions } from './collections/ModelVersions'
import { NotificationPreferences } from './collections/NotificationPreferences'
import { Notifications } from './collections/Notifications'
import { OrganizationInvitations } from './collections/OrganizationInvitations'
import { ProjectComments } from './collections/ProjectComments'
import { ProjectVotes } from './collections/ProjectVotes'
import { Organizations } from './collections/Organizations'
import { Reactions } from './collections/Reactions'
import { Replies } from './collections/Replies'
import { StatusComponents } from './collections/StatusComponents'
import { StatusIncidents } from './collections/StatusIncidents'
import { StatusMaintenances } from './collections/StatusMaintenances'
import { ShowcaseProjects } from './collections/ShowcaseProjects'
import { ShowcaseTopics } from './collections/ShowcaseTopics'
import { StatusSubscribers } from './collections/StatusSubscribers'
import { Tags } from './collections/Tags'
import { Users } from './collections/Users'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { WebhookEndpoints } from './collections/WebhookEndpoints'
import { WebhookEvents } from './collections/WebhookEvents'
import { plugins } from './plugins'
import { guardRoutes } from './plugins/inputGuard'
import { closeInternalCollectionsToKeys } from './plugins/internalCollections'
import { databaseUrl, payloadSecret, serverUrl } from './src/lib/defaults'
import { formatApiError, SILENCED_ERROR_NAMES } from './src/lib/api/afterError'
import { acceptOnlySessionTokens } from './src/lib/auth/sessions'
import { watchDatabasePool } from './src/lib/dbPool'
import { queuedEmailAdapter } from './src/lib/emailAdapter'
import { forumMutations } from './src/lib/forum/graphql'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js'),
    },
    meta: { titleSuffix: ' · TuneTrail Admin' },
    // Nothing in the admin loads from outside the deployment: no Gravatar, no CDN editor
    // (JSON fields have their own components; tests/int/adminSelfContained.int.spec.ts checks).
    avatar: 'default',
    // Dates read as in the portal (src/lib/time.ts formatDateTime), with the viewer's zone named.
    dateFormat: 'MMM d, yyyy, h:mm a zzz',
    components: { beforeDashboard: ['@/components/AdminDashboard#AdminDashboard'] },
  },
  collections: [
    Users,
    Organizations,
    OrganizationInvitations,
    Media,
    ApiKeys,
    AuditLogs,
    WebhookEndpoints,
    WebhookEvents,
    WebhookDeliveries,
    Notifications,
    NotificationPreferences,
    DocsPages,
    DocsFeedback,
    StatusComponents,
    StatusIncidents,
    StatusMaintenances,
    StatusSubscribers,
    // The community forum.
    ForumCategories,
    Discussions,
    Replies,
    Reactions,
    Tags,
    Flags,
    ForumAttachments,
    ModerationActions,
    MlModels,
    ModelVersions,
    ModelFiles,
    ModelStars,
    ModelRatings,
    ModelComments,
    Invoices,
    // The showcase.
    ShowcaseTopics,
    ShowcaseProjects,
    ProjectVotes,
    ProjectComments,
  ],
  editor: lexicalEditor(),
  secret: payloadSecret(),
  serverURL: serverUrl(),
  csrf: [serverUrl()],
  cors: [serverUrl()],
  db: postgresAdapter({
    pool: { connectionString: databaseUrl() },
    // Schema changes only ever arrive through committed migrations, in every environment.
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
  }),
  email: queuedEmailAdapter,
  onInit: (payload) => {
    watchDatabasePool(payload)
    acceptOnlySessionTokens(payload)
  },
  hooks: { afterError: [formatApiError] },
  // formatApiError logs request errors itself, once, with the request id.
  loggingLevels: Object.fromEntries(SILENCED_ERROR_NAMES.map((name) => [name, false])),
  graphQL: { disablePlaygroundInProduction: true, mutations: forumMutations },
  plugins: plugins(),
  sharp,
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
})
  .then(closeInternalCollectionsToKeys)
  .then(guardRoutes)
