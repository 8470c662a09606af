import Link from 'next/link'
import type { ComponentProps } from 'react'

import { ActionForm, Field } from '@/components/Form/index.client'
import { Markdown } from '@/components/Markdown'
import { Badge } from '@/components/ui/badge'
import type { ModelComment, ProjectComment } from '@/payload-types'

type FormAction = ComponentProps<typeof ActionForm>['action']

/** What the thread shows of a comment: model and showcase comments share these fields. */
type ThreadComment = Pick<
  ModelComment | ProjectComment,
  'id' | 'author' | 'body' | 'hidden' | 'hiddenReason' | 'createdAt'
>

type Props = {
  /** The hidden field that names what is commented on, as the comment action reads it. */
  subject: { field: string; id: number }
  path: string
  comments: ThreadComment[]
  isSignedIn: boolean
  isModerator: boolean
  names: Map<number, string>
  emptyText: string
  commentAction: FormAction
  hideCommentAction: FormAction
}

/** Comments in Markdown (the shared renderer), the form to add one, and moderators' hide / show. */
export function CommentThread(props: Props) {
  return (
    <div className="space-y-4">
      {props.comments.length === 0 && (
        <p className="text-sm text-muted-foreground">{props.emptyText}</p>
      )}
      <ol aria-label="Comments" className="space-y-3">
        {props.comments.map((comment) => (
          <li
            key={comment.id}
            id={`comment-${comment.id}`}
            className="rounded-md border border-border p-3"
          >
            <p className="mb-1 flex flex-wrap items-center gap-2 text-sm font-medium">
              {props.names.get(Number(comment.author)) ?? 'someone'}
              <span className="text-xs font-normal text-muted-foreground">
                {new Date(comment.createdAt).toISOString().slice(0, 10)}
              </span>
              {comment.hidden && (
                <Badge tone="warning">
                  Hidden{comment.hiddenReason ? `: ${comment.hiddenReason}` : ''}
                </Badge>
              )}
            </p>
            <Markdown>{comment.body}</Markdown>
            {props.isModerator && (
              <ActionForm
                action={props.hideCommentAction}
                submitLabel={comment.hidden ? 'Show again' : 'Hide'}
                submitVariant="outline"
                className="mt-2 flex flex-wrap items-end gap-2"
                aria-label={`Moderate comment ${comment.id}`}
              >
                <input type="hidden" name="comment" value={comment.id} />
                <input type="hidden" name="path" value={props.path} />
                <input type="hidden" name="hidden" value={comment.hidden ? 'false' : 'true'} />
                {!comment.hidden && <Field name="reason" label="Reason" maxLength={200} />}
              </ActionForm>
            )}
          </li>
        ))}
      </ol>
      {props.isSignedIn ? (
        <ActionForm action={props.commentAction} submitLabel="Comment" aria-label="Add a comment">
          <input type="hidden" name={props.subject.field} value={props.subject.id} />
          <input type="hidden" name="path" value={props.path} />
          <Field name="body" label="Comment (Markdown)" multiline maxLength={10_000} required />
        </ActionForm>
      ) : (
        <p className="text-sm text-muted-foreground">
          <Link href={`/login?next=${encodeURIComponent(props.path)}`} className="underline">
            Sign in to comment
          </Link>
          .
        </p>
      )}
    </div>
  )
}
