import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { pageHref, Pagination } from '@/components/Pagination'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { myModels } from '@/data/models'
import { requireUser } from '@/data/session'

import { formatCount } from '../_components/format'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'My models' }

type Props = { searchParams: Promise<{ page?: string }> }

/** My models and my organizations': drafts, private and public, with their numbers. */
export default async function MyModelsPage({ searchParams }: Props) {
  const user = await requireUser('/models/my-models')
  const page = Math.min(1000, Math.max(1, Number((await searchParams).page) || 1))
  const models = await myModels(user, page)
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My models</h1>
        <Button asChild>
          <Link href="/models/upload">Upload a model</Link>
        </Button>
      </div>
      {models.totalDocs === 0 ? (
        <EmptyState
          id="no-models"
          title="No models yet"
          action={
            <Button asChild>
              <Link href="/models/upload">Upload your first model</Link>
            </Button>
          }
        >
          Share a model you trained: it gets a page, download counts and a safety scan.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your models</caption>
            <thead className="text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Model
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  State
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Downloads
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Stars
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Forks
                </th>
              </tr>
            </thead>
            <tbody>
              {models.docs.map((model) => (
                <tr key={model.id} className="border-t border-border">
                  <td className="py-2 pr-3">
                    <Link
                      href={
                        model.status === 'published'
                          ? `/models/${model.ownerHandle}/${model.slug}`
                          : `/models/upload?model=${model.id}`
                      }
                      className="text-primary underline"
                    >
                      {model.ownerHandle}/{model.slug}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={model.status === 'published' ? 'success' : 'warning'}>
                        {model.status === 'published' ? 'Published' : 'Draft'}
                      </Badge>
                      <Badge tone="muted">{model.visibility}</Badge>
                    </span>
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {formatCount(model.downloads)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatCount(model.stars)}</td>
                  <td className="py-2 text-right tabular-nums">{formatCount(model.forks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={models.page ?? 1}
        totalPages={models.totalPages}
        hrefFor={(n) => pageHref('/models/my-models', { page: n })}
      />
    </div>
  )
}
