import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { FilterBar, type Filter } from '@/components/FilterBar'
import { pageHref, Pagination } from '@/components/Pagination'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import {
  FRAMEWORK_LABELS,
  SORT_LABELS,
  SORTS,
  TASK_LABELS,
  type Framework,
  type ModelTask,
} from '@/lib/models/constants'
import type { Facets } from '@/lib/models/browse'
import type { MlModel } from '@/payload-types'
import type { BrowseQuery } from '@/schemas/models'

import { LayoutToggle } from './LayoutToggle'
import { ModelCard } from './ModelCard'

type Props = {
  query: BrowseQuery
  models: MlModel[]
  total: number
  page: number
  totalPages: number
  facets: Facets
  layout: 'grid' | 'list'
}

const withCount = (label: string, count: number) => `${label} (${count})`

/** The hub: search, facets with counts, a metric threshold, sorts, grid or list, pages. */
export function BrowseView({ query, models, total, page, totalPages, facets, layout }: Props) {
  const params = {
    q: query.q,
    task: query.task,
    framework: query.framework,
    license: query.license,
    tag: query.tag,
    owner: query.owner,
    sampleRate: query.sampleRate,
    metric: query.metric,
    dataset: query.dataset,
    min: query.min,
    sort: query.sort,
  }
  const filters: Filter[] = [
    {
      name: 'task',
      label: 'Task',
      value: query.task,
      allLabel: 'All tasks',
      options: facets.task.map((f) => ({
        value: f.value,
        label: withCount(TASK_LABELS[f.value as ModelTask] ?? f.value, f.count),
      })),
    },
    {
      name: 'framework',
      label: 'Framework',
      value: query.framework,
      allLabel: 'All frameworks',
      options: facets.framework.map((f) => ({
        value: f.value,
        label: withCount(FRAMEWORK_LABELS[f.value as Framework] ?? f.value, f.count),
      })),
    },
    {
      name: 'license',
      label: 'License',
      value: query.license,
      allLabel: 'All licenses',
      options: facets.license.map((f) => ({ value: f.value, label: withCount(f.value, f.count) })),
    },
    {
      name: 'tag',
      label: 'Tag',
      value: query.tag,
      allLabel: 'All tags',
      options: facets.tag.map((f) => ({ value: f.value, label: withCount(f.value, f.count) })),
    },
    {
      name: 'owner',
      label: 'Owner',
      value: query.owner,
      allLabel: 'Any owner',
      // A profile's link may name an owner outside the most active ones: it stays choosable.
      options: [
        ...(query.owner && !facets.owner.some((f) => f.value === query.owner)
          ? [{ value: query.owner, label: query.owner }]
          : []),
        ...facets.owner.map((f) => ({ value: f.value, label: withCount(f.value, f.count) })),
      ],
    },
    {
      name: 'sampleRate',
      label: 'Sample rate',
      value: query.sampleRate ? String(query.sampleRate) : undefined,
      allLabel: 'Any sample rate',
      options: ['8000', '16000', '22050', '44100', '48000'].map((rate) => ({
        value: rate,
        label: `${Number(rate) / 1000} kHz`,
      })),
    },
    {
      name: 'sort',
      label: 'Sort',
      value: query.sort,
      allLabel: query.q ? 'Best match' : 'Trending',
      options: SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] })),
    },
  ]
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Models</h1>
        <div className="flex flex-wrap items-center gap-3">
          <LayoutToggle layout={layout} />
          <Button asChild>
            <Link href="/models/upload">Upload a model</Link>
          </Button>
        </div>
      </div>
      <p className="max-w-2xl text-sm text-muted-foreground">
        Audio models shared by the community: genre classifiers, taggers, source separation,
        transcription and more. Every file is scanned for unsafe code before it is published.
      </p>
      <FilterBar
        action="/models"
        label="Filter models"
        search={{
          name: 'q',
          label: 'Search',
          value: query.q,
          placeholder: 'genre, drums, wav2vec…',
        }}
        filters={filters}
        clearHref="/models"
      />
      <form
        method="get"
        action="/models"
        aria-label="Metric threshold"
        className="flex flex-wrap items-end gap-3"
      >
        {Object.entries(params).map(
          ([name, value]) =>
            value !== undefined &&
            !['metric', 'dataset', 'min'].includes(name) && (
              <input key={name} type="hidden" name={name} value={String(value)} />
            ),
        )}
        <div className="w-full space-y-1.5 sm:w-36">
          <Label htmlFor="metric">Metric</Label>
          <Input
            id="metric"
            name="metric"
            defaultValue={query.metric ?? ''}
            placeholder="accuracy"
          />
        </div>
        <div className="w-full space-y-1.5 sm:w-40">
          <Label htmlFor="dataset">On dataset</Label>
          <Input
            id="dataset"
            name="dataset"
            defaultValue={query.dataset ?? ''}
            placeholder="GTZAN"
          />
        </div>
        <div className="w-full space-y-1.5 sm:w-28">
          <Label htmlFor="min">At least</Label>
          <Input
            id="min"
            name="min"
            type="number"
            step="any"
            defaultValue={query.min ?? ''}
            placeholder="0.9"
          />
        </div>
        <Button type="submit" variant="outline">
          Apply threshold
        </Button>
      </form>
      <p role="status" className="text-sm text-muted-foreground">
        {total === 1 ? '1 model' : `${total.toLocaleString('en')} models`}
        {query.owner && <> by {query.owner}</>}
      </p>
      {models.length === 0 && total > 0 ? (
        <EmptyState
          id="past-last-page"
          title={`Page ${page} is past the last page`}
          action={
            <Button asChild variant="outline">
              <Link href={pageHref('/models', { ...params, page: totalPages })}>
                Go to page {totalPages}
              </Link>
            </Button>
          }
        >
          These filters match {total === 1 ? '1 model' : `${total.toLocaleString('en')} models`} on{' '}
          {totalPages === 1 ? '1 page' : `${totalPages} pages`}.
        </EmptyState>
      ) : models.length === 0 ? (
        <EmptyState
          id="no-models"
          title="No models match"
          action={
            <Button asChild variant="outline">
              <Link href="/models">Clear filters</Link>
            </Button>
          }
        >
          Try fewer filters or other words.
        </EmptyState>
      ) : (
        <ul
          aria-label="Models"
          className={layout === 'grid' ? 'grid gap-4 sm:grid-cols-2 xl:grid-cols-3' : ''}
        >
          {models.map((model) => (
            <ModelCard key={model.id} model={model} layout={layout} />
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        totalPages={totalPages}
        hrefFor={(n) => pageHref('/models', { ...params, page: n })}
        label="Model pages"
      />
    </div>
  )
}
