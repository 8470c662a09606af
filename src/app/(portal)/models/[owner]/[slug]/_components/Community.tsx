import Link from 'next/link'

import { ActionForm, Field } from '@/components/Form/index.client'
import { Markdown } from '@/components/Markdown'
import { Badge } from '@/components/ui/badge'
import type { ModelComment, ModelRating } from '@/payload-types'

import { commentAction, hideCommentAction, rateModelAction } from '../actions'

type Names = Map<number, string>

const scoreOptions = [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} of 5` }))

/** The ratings summary, my rating form and the reviews. */
export function Ratings(props: {
  modelId: number
  path: string
  average: number
  count: number
  ratings: ModelRating[]
  mine: ModelRating | null
  isSignedIn: boolean
  names: Names
}) {
  const reviews = props.ratings.filter((rating) => rating.review)
  return (
    <div className="space-y-4">
      <p className="text-sm">
        {props.count ? (
          <>
            <strong className="text-lg">{props.average.toFixed(1)}</strong> of 5 from {props.count}{' '}
            {props.count === 1 ? 'rating' : 'ratings'}
          </>
        ) : (
          'No ratings yet.'
        )}
      </p>
      {props.isSignedIn && (
        <ActionForm
          action={rateModelAction}
          submitLabel={props.mine ? 'Update rating' : 'Rate'}
          aria-label="Your rating"
        >
          <input type="hidden" name="model" value={props.modelId} />
          <input type="hidden" name="path" value={props.path} />
          <Field
            name="score"
            label="Your rating"
            options={scoreOptions}
            defaultValue={String(props.mine?.score ?? 5)}
          />
          <Field
            name="review"
            label="Review (optional)"
            multiline
            maxLength={5000}
            defaultValue={props.mine?.review ?? ''}
          />
        </ActionForm>
      )}
      {reviews.length > 0 && (
        <ul aria-label="Reviews" className="space-y-3">
          {reviews.map((rating) => (
            <li key={rating.id} className="rounded-md border border-border p-3 text-sm">
              <p className="font-medium">
                {props.names.get(Number(rating.user)) ?? 'someone'} · {rating.score} of 5
              </p>
              <p className="whitespace-pre-line text-muted-foreground">{rating.review}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Comments in Markdown, the form to add one, and moderators' hide / show. */
export function Comments(props: {
  modelId: number
  path: string
  comments: ModelComment[]
  isSignedIn: boolean
  isModerator: boolean
  names: Names
}) {
  return (
    <div className="space-y-4">
      {props.comments.length === 0 && (
        <p className="text-sm text-muted-foreground">No comments yet.</p>
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
          <input type="hidden" name="model" value={props.modelId} />
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
