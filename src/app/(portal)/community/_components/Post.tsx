import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import type { ReactionSummary } from '@/data/forum'
import { REACTION_KEYS, REACTIONS } from '@/lib/forum/config'
import { linkMentions } from '@/lib/forum/text'
import type { ForumAttachment } from '@/payload-types'

import { editPostAction, moderateAction, reactAction } from '../discussions/[id]/actions'
import { InlineAction } from './InlineAction.client'
import { AuthorLink, authorOf } from './parts'
import { CopyLinkButton, EditPost, FlagButton, QuoteButton } from './PostTools.client'
import { cachedMarkdown } from './renderCache'

export type PostProps = {
  kind: 'discussion' | 'reply'
  id: number
  anchor: string
  body: string
  author: unknown
  createdAt: string
  editedAt?: string | null
  isEditedByModerator?: boolean | null
  moderationState: string
  hiddenReason?: string | null
  attachments?: unknown
  reactions: ReactionSummary
  mentions: Set<string>
  now: number
  viewerId: number | null
  isModerator: boolean
  canReply: boolean
  /** Extra controls (accept as answer …). */
  tools?: React.ReactNode
  badge?: React.ReactNode
}

function Attachments({ value }: { value: unknown }) {
  const files = (Array.isArray(value) ? value : []).filter(
    (file): file is ForumAttachment => typeof file === 'object' && file !== null,
  )
  const others = files.filter((file) => !file.mimeType?.startsWith('image/'))
  if (others.length === 0) return null
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-2 text-sm">
      {others.map((file) => (
        <li key={file.id}>
          <a
            href={file.url ?? '#'}
            className="rounded border border-border px-2 py-1 text-primary underline"
            download
          >
            {file.filename} ({Math.ceil((file.filesize ?? 0) / 1024)} KB)
          </a>
        </li>
      ))}
    </ul>
  )
}

/** A post of a thread: author, time, edits, Markdown body, attachments, reactions and tools. */
export function Post(props: PostProps) {
  const author = authorOf(props.author)
  const target = { target: props.kind, id: String(props.id) }
  const isOwn = props.viewerId !== null && author?.id === props.viewerId
  return (
    <article
      id={props.anchor}
      aria-labelledby={`${props.anchor}-by`}
      className="scroll-mt-24 space-y-3 rounded-lg border border-border bg-card p-4"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span id={`${props.anchor}-by`}>
          <AuthorLink user={author} />
        </span>
        <a href={`#${props.anchor}`} className="text-xs text-muted-foreground hover:underline">
          <RelativeTime date={props.createdAt} now={props.now} />
        </a>
        {props.editedAt && (
          <span className="text-xs text-muted-foreground">
            {props.isEditedByModerator ? 'edited by a moderator' : 'edited'}
          </span>
        )}
        {props.badge}
        {props.moderationState !== 'visible' && (
          <Badge tone="danger">
            {props.moderationState === 'pending'
              ? 'Awaiting review'
              : `Hidden${props.hiddenReason ? `: ${props.hiddenReason}` : ''}`}
          </Badge>
        )}
      </header>
      {cachedMarkdown(linkMentions(props.body, props.mentions))}
      <Attachments value={props.attachments} />
      <footer className="flex flex-wrap items-center gap-1">
        <div role="group" aria-label="Reactions" className="flex flex-wrap gap-1">
          {REACTION_KEYS.map((key) => {
            const summary = props.reactions[key]
            const count = summary?.count ?? 0
            if (!props.viewerId) {
              return count > 0 ? (
                <span
                  key={key}
                  className="rounded-md border border-border px-2 py-0.5 text-xs"
                  title={REACTIONS[key].label}
                >
                  <span aria-hidden="true">{REACTIONS[key].emoji}</span>
                  <span className="sr-only">{REACTIONS[key].label}</span> {count}
                </span>
              ) : null
            }
            return (
              <InlineAction
                key={key}
                action={reactAction}
                fields={{ ...target, reaction: key }}
                isPressed={Boolean(summary?.isMine)}
                label={`${REACTIONS[key].label}: ${count}`}
                variant={summary?.isMine ? 'outline' : 'ghost'}
                className="min-h-7 px-2"
              >
                <span aria-hidden="true">{REACTIONS[key].emoji}</span>
                {count > 0 && <span aria-hidden="true">{count}</span>}
              </InlineAction>
            )
          })}
        </div>
        <span className="flex-1" />
        {props.tools}
        {props.canReply && (
          <QuoteButton
            collection={props.kind === 'reply' ? 'replies' : 'discussions'}
            id={props.id}
            author={author?.username ?? 'someone'}
          />
        )}
        <CopyLinkButton
          hash={props.anchor}
          label={`Copy a link to this ${props.kind === 'reply' ? 'reply' : 'discussion'}`}
        />
        {props.viewerId && !isOwn && <FlagButton target={props.kind} id={props.id} />}
        {((isOwn && props.canReply && props.moderationState !== 'hidden') || props.isModerator) && (
          <EditPost
            collection={props.kind === 'reply' ? 'replies' : 'discussions'}
            id={props.id}
            action={editPostAction}
          />
        )}
        {props.isModerator && props.kind === 'reply' && (
          <>
            {props.moderationState === 'visible' ? (
              <InlineAction
                action={moderateAction}
                fields={{ ...target, action: 'hide' }}
                variant="ghost"
              >
                Hide
              </InlineAction>
            ) : (
              <InlineAction
                action={moderateAction}
                fields={{
                  ...target,
                  action: props.moderationState === 'pending' ? 'approve' : 'unhide',
                }}
                variant="ghost"
              >
                {props.moderationState === 'pending' ? 'Approve' : 'Unhide'}
              </InlineAction>
            )}
          </>
        )}
      </footer>
    </article>
  )
}
