import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { CommentThread } from '@/components/CommentThread'
import { Markdown } from '@/components/Markdown'
import { Button } from '@/components/ui/button'
import { Panel } from '@/components/ui/card'
import { hasRole } from '@/access/roles'
import { modelByHandle, modelPage, usernames } from '@/data/models'
import { currentUser } from '@/data/session'
import { isReleased } from '@/lib/models/constants'
import { relationId } from '@/lib/relationId'

import { commentAction, hideCommentAction } from './actions'
import { Ratings } from './_components/Community'
import { DownloadsChart } from './_components/DownloadsChart'
import { FilesTable } from './_components/FilesTable'
import { ModelActions } from './_components/ModelActions'
import {
  Lineage,
  ModelBadges,
  ModelDetails,
  ModelStats,
  SamplePlayers,
  Versions,
} from './_components/Overview'
import { Snippets } from './_components/Snippets'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ owner: string; slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, slug } = await params
  const model = await modelByHandle(await currentUser(), owner, slug)
  return { title: model ? `${model.name} · Models` : 'Model not found' }
}

/** A model's page: its card, numbers, files, lineage and what people say about it. */
export default async function ModelPage({ params }: Props) {
  const { owner, slug } = await params
  const user = await currentUser()
  const model = await modelByHandle(user, owner, slug)
  if (!model) notFound()
  const data = await modelPage(user, model)
  const path = `/models/${model.ownerHandle}/${model.slug}`
  const latestId = model.latestVersion ? Number(relationId(model.latestVersion)) : null
  const latestFiles = data.files.filter((file) => Number(file.version) === latestId)
  // Held bytes (flagged, scanning, rejected) go to the model's own owners and staff only: a
  // fork's owner manages the copy, not the bytes it references.
  const canFetchHeld = hasRole(user, 'staff') || (data.canManage && !model.baseModel)
  const weights =
    latestFiles.find(
      (file) =>
        file.kind === 'weights' &&
        file.uploadStatus === 'uploaded' &&
        (isReleased(file) || canFetchHeld),
    ) ?? null
  const heldWeights = weights
    ? null
    : latestFiles.find((file) => file.kind === 'weights' && file.uploadStatus === 'uploaded')
  const names = await usernames(user, [
    ...data.ratings.map((r) => Number(r.user)),
    ...data.comments.map((c) => Number(c.author)),
  ])
  const draftVersion = data.versions.find((version) => version.status === 'draft')
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <p className="text-sm text-muted-foreground">
          <Link href={`/models?owner=${model.ownerHandle}`} className="underline">
            {model.ownerHandle}
          </Link>{' '}
          / {model.slug}
        </p>
        <h1 className="text-2xl font-semibold break-words">{model.name}</h1>
        <p className="max-w-3xl text-muted-foreground">{model.summary}</p>
        <ModelBadges model={model} />
        <ModelActions
          modelId={model.id}
          stars={Number(model.stars ?? 0)}
          isStarred={data.isStarred}
          isSignedIn={Boolean(user)}
          canFork={model.status === 'published'}
          downloadHref={weights ? `/api/model-files/${weights.id}/download` : null}
          returnTo={path}
        />
        {heldWeights && (
          <p className="text-sm text-muted-foreground" role="note">
            The weights ({heldWeights.filename}) are not downloadable:{' '}
            {heldWeights.scanStatus === 'pending'
              ? 'their safety scan is running.'
              : 'the safety scan held them back until staff review them.'}
          </p>
        )}
        {data.canManage && (
          <p className="flex flex-wrap gap-3 text-sm">
            <Button asChild variant="outline" size="sm">
              <Link href={`${path}/edit`}>Edit details</Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={`/models/upload?model=${model.id}`}>
                {draftVersion ? `Continue version ${draftVersion.label}` : 'New version'}
              </Link>
            </Button>
          </p>
        )}
      </header>
      <ModelStats model={model} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Panel id="card" title="Model card">
            {model.card ? (
              <Markdown>{model.card}</Markdown>
            ) : (
              <p className="text-sm text-muted-foreground">No card yet.</p>
            )}
          </Panel>
          <Panel
            id="files"
            title="Files"
            description={latestId ? 'Of the latest version.' : 'No version is published yet.'}
          >
            <FilesTable
              files={latestId ? latestFiles : data.files}
              caption="Files"
              canFetchHeld={canFetchHeld}
            />
            <SamplePlayers files={latestFiles} />
          </Panel>
          <Panel id="reviews" title="Ratings and reviews">
            <Ratings
              modelId={model.id}
              path={path}
              average={Number(model.ratingAverage ?? 0)}
              count={Number(model.ratingCount ?? 0)}
              ratings={data.ratings}
              mine={data.myRating}
              isSignedIn={Boolean(user)}
              names={names}
            />
          </Panel>
          <Panel id="comments" title="Comments">
            <CommentThread
              subject={{ field: 'model', id: model.id }}
              path={path}
              comments={data.comments}
              isSignedIn={Boolean(user)}
              isModerator={hasRole(user, 'moderator')}
              names={names}
              emptyText="No comments yet."
              commentAction={commentAction}
              hideCommentAction={hideCommentAction}
            />
          </Panel>
        </div>
        <div className="min-w-0 space-y-6">
          <Panel id="downloads" title="Downloads, last 30 days">
            <DownloadsChart series={data.series} />
          </Panel>
          {weights && (
            <Panel id="use" title="Use it">
              <Snippets fileId={weights.id} filename={weights.filename ?? 'model'} />
            </Panel>
          )}
          <Panel id="details" title="Training and audio">
            <ModelDetails model={model} />
          </Panel>
          <Panel id="versions" title="Versions">
            <Versions versions={data.versions} latestId={latestId} />
          </Panel>
          <Panel id="lineage" title="Lineage">
            <Lineage base={data.base} forks={data.forks} />
          </Panel>
        </div>
      </div>
    </div>
  )
}
