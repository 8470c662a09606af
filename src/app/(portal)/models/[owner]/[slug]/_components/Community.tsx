import { ActionForm, Field } from '@/components/Form/index.client'
import type { ModelRating } from '@/payload-types'

import { rateModelAction } from '../actions'

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
