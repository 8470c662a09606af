import { ActionForm, Field } from '@/components/Form/index.client'
import { Markdown } from '@/components/Markdown'
import { Badge } from '@/components/ui/badge'
import type { ProjectComment } from '@/payload-types'

import { commentAction, hideCommentAction } from '../../../actions'

/** Comments in Markdown (the shared renderer), the form to add one, and moderators' hide. */
export function Comments(props: {
  projectId: number
  path: string
  comments: ProjectComment[]
  isSignedIn: boolean
  isModerator: boolean
  names: Map<number, string>
}) {
  return (
    <div className="space-y-4">
      {props.comments.length === 0 && (
        <p className="text-sm text-muted-foreground">No comments yet. Say what you think.</p>
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
                action={hideCommentAction}
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
        <ActionForm action={commentAction} submitLabel="Comment" aria-label="Add a comment">
          <input type="hidden" name="project" value={props.projectId} />
          <input type="hidden" name="path" value={props.path} />
          <Field name="body" label="Comment (Markdown)" multiline maxLength={10_000} required />
        </ActionForm>
      ) : (
        <p className="text-sm text-muted-foreground">
          <a
            className="text-primary underline"
            href={`/login?next=${encodeURIComponent(props.path)}`}
          >
            Sign in
          </a>{' '}
          to comment.
        </p>
      )}
    </div>
  )
}
