import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq } from 'payload'

import { managesModel } from '@/access/modelAccess'
import { ActionForm, Field } from '@/components/Form/index.client'
import { Markdown } from '@/components/Markdown'
import { Panel } from '@/components/ui/card'
import { modelById, viewerOf } from '@/data/models'
import { MAX_FILE_BYTES, parseModelId } from '@/lib/models/constants'
import { modelPlan } from '@/lib/models/files'
import { payloadClient, requireUser } from '@/data/session'

import { FilesTable } from '../[owner]/[slug]/_components/FilesTable'
import { createVersionAction } from './actions'
import { MetadataForm } from './_components/MetadataForm'
import { PublishButton } from './_components/PublishButton'
import { Steps } from './_components/Steps'
import { Uploader } from './_components/Uploader'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Upload a model' }

type Props = { searchParams: Promise<{ model?: string }> }

/**
 * /models/upload: describe the model (saved as a draft), upload its files with progress, preview
 * the card and publish. `?model=` continues a draft, or starts a new version of a model.
 */
export default async function UploadPage({ searchParams }: Props) {
  const { model: modelParam } = await searchParams
  const user = await requireUser(`/models/upload${modelParam ? `?model=${modelParam}` : ''}`)
  const payload = await payloadClient()
  const as = { user: { ...user, collection: 'users' as const }, overrideAccess: false, depth: 0 }
  if (!modelParam) {
    const viewer = await viewerOf(user)
    const managed = viewer.kind === 'person' ? viewer.manages : []
    const orgs = managed.length
      ? (await payload.find({ collection: 'organizations', where: { id: { in: managed } }, ...as }))
          .docs
      : []
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">Upload a model</h1>
        <Steps current={1} />
        <MetadataForm organizations={orgs.map((org) => ({ id: org.id, name: org.name }))} />
      </div>
    )
  }
  const id = parseModelId(modelParam)
  const model = id ? await modelById(user, id) : null
  const req = await createLocalReq({ user: as.user }, payload)
  if (!model || !(await managesModel(req, model.id))) notFound()
  const href = `/models/${model.ownerHandle}/${model.slug}`
  const versions = await payload.find({
    collection: 'model-versions',
    where: {
      and: [{ model: { equals: model.id } }, { status: { in: ['draft', 'scanning'] } }],
    },
    sort: '-createdAt',
    limit: 10,
    ...as,
  })
  const draft = versions.docs.find((version) => version.status === 'draft')
  const scanning = versions.docs.filter((version) => version.status === 'scanning')
  const scanningNote = scanning.length > 0 && (
    <p role="status" className="rounded-md border border-border p-3 text-sm">
      {scanning.map((version) => `Version ${version.label}`).join(', ')}{' '}
      {scanning.length === 1 ? 'is' : 'are'} waiting for the safety scan of its files; it goes live
      when the scans finish.{' '}
      <Link href={href} className="underline">
        See the model page
      </Link>
      .
    </p>
  )
  if (!draft) {
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">New version of {model.name}</h1>
        {scanningNote}
        <p className="text-sm text-muted-foreground">
          To change the name, card, metrics or visibility instead,{' '}
          <Link href={`${href}/edit`} className="underline">
            edit the model’s details
          </Link>
          .
        </p>
        <Steps current={1} />
        <ActionForm
          action={createVersionAction}
          submitLabel="Create version"
          aria-label="New version"
        >
          <input type="hidden" name="model" value={model.id} />
          <Field name="label" label="Version" required hint="For example 1.1.0." />
          <Field name="changelog" label="What changed" multiline maxLength={10_000} />
        </ActionForm>
      </div>
    )
  }
  const files = await payload.find({
    collection: 'model-files',
    where: { version: { equals: draft.id } },
    sort: 'filename',
    limit: 200,
    ...as,
  })
  const plan = await modelPlan(req, model.id)
  const uploaded = files.docs.filter((file) => file.uploadStatus === 'uploaded')
  const pending = files.docs.filter((file) => file.uploadStatus === 'pending')
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">
        {model.name} <span className="text-muted-foreground">version {draft.label}</span>
      </h1>
      {scanningNote}
      <Steps current={uploaded.length ? 3 : 2} />
      <p className="text-sm text-muted-foreground">
        Saved as a draft: only you{model.organization ? ' and the organization’s admins' : ''} can
        see it. Come back to{' '}
        <Link href={`/models/upload?model=${model.id}`} className="underline">
          this page
        </Link>{' '}
        to continue.
      </p>
      <Panel
        id="upload"
        title="Files"
        description={`Weights, config, README and sample audio. Up to ${MAX_FILE_BYTES[plan] / 1024 ** 3} GB per file on the ${plan} plan.`}
      >
        <div className="space-y-4">
          <Uploader
            versionId={draft.id}
            pending={pending.map((file) => ({
              id: file.id,
              filename: file.filename ?? '',
              size: file.size ?? 0,
            }))}
          />
          <FilesTable files={files.docs} caption="Files of this version" />
        </div>
      </Panel>
      <Panel id="preview" title="Preview of the card">
        <p className="mb-2 font-medium">{model.summary}</p>
        {model.card ? (
          <Markdown>{model.card}</Markdown>
        ) : (
          <p className="text-sm text-muted-foreground">No card.</p>
        )}
      </Panel>
      <Panel
        id="publish"
        title="Publish"
        description="Each file is scanned for unsafe code first; the version goes live when the scans finish."
      >
        <PublishButton
          versionId={draft.id}
          href={href}
          isReady={uploaded.length > 0 && pending.length === 0}
        />
      </Panel>
    </div>
  )
}
