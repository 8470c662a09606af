import type { Metadata } from 'next'
import { cookies } from 'next/headers'

import { browseModels } from '@/data/models'
import { currentUser } from '@/data/session'
import { browseQuerySchema } from '@/schemas/models'

import { BrowseView } from './_components/BrowseView'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Models' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** /models (and /models/browse): the hub's browse page; every filter lives in the URL. */
export default async function ModelsPage({ searchParams }: Props) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([name, value]) => [
      name,
      Array.isArray(value) ? value[0] : value || undefined,
    ]),
  )
  const query = browseQuerySchema.parse(raw)
  const user = await currentUser()
  const result = await browseModels(user, query)
  const layout = (await cookies()).get('tt-models-layout')?.value === 'list' ? 'list' : 'grid'
  return <BrowseView query={query} layout={layout} {...result} />
}
