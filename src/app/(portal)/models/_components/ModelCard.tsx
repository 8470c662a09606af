import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import {
  FRAMEWORK_LABELS,
  TASK_LABELS,
  type Framework,
  type ModelTask,
} from '@/lib/models/constants'
import type { MlModel } from '@/payload-types'

import { formatCount } from './format'

/** A model in the browse grid or list: name, owner, summary, task and its numbers. */
export function ModelCard({ model, layout }: { model: MlModel; layout: 'grid' | 'list' }) {
  const href = `/models/${model.ownerHandle}/${model.slug}`
  return (
    <li
      className={
        layout === 'grid'
          ? 'flex flex-col gap-2 rounded-lg border border-border bg-card p-4 shadow-sm'
          : 'flex flex-col gap-2 border-b border-border py-3 sm:flex-row sm:items-center sm:justify-between'
      }
    >
      <div className="min-w-0 space-y-1">
        <h2 className="text-base font-semibold break-words">
          <Link href={href} className="text-primary underline-offset-2 hover:underline">
            {model.ownerHandle}/{model.slug}
          </Link>
        </h2>
        <p className="text-sm text-muted-foreground">{model.summary}</p>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone="primary">{TASK_LABELS[model.task as ModelTask]}</Badge>
          <Badge tone="neutral">{FRAMEWORK_LABELS[model.framework as Framework]}</Badge>
          <Badge tone="muted">{model.license}</Badge>
          {model.visibility !== 'public' && <Badge tone="warning">{model.visibility}</Badge>}
        </div>
      </div>
      <dl className="flex shrink-0 gap-4 text-sm text-muted-foreground">
        <div>
          <dt className="sr-only">Downloads</dt>
          <dd>
            {formatCount(model.downloads)}{' '}
            {Number(model.downloads) === 1 ? 'download' : 'downloads'}
          </dd>
        </div>
        <div>
          <dt className="sr-only">Stars</dt>
          <dd>
            {formatCount(model.stars)} {Number(model.stars) === 1 ? 'star' : 'stars'}
          </dd>
        </div>
      </dl>
    </li>
  )
}
