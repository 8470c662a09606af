import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { currentUser } from '@/data/session'
import { decodeSegment } from '@/lib/forum/segment'
import { TAG_PATTERN } from '@/lib/forum/text'
import { listQuerySchema } from '@/schemas/forum'

import { CommunityNav } from '../../_components/CommunityNav'
import { DiscussionList } from '../../_components/DiscussionList'

type Props = {
  params: Promise<{ tag: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = decodeSegment((await params).tag)
  return { title: tag && TAG_PATTERN.test(tag) ? `#${tag} · Discussions` : 'Tag not found' }
}

export default async function TagPage({ params, searchParams }: Props) {
  const tag = decodeSegment((await params).tag)
  if (!tag || !TAG_PATTERN.test(tag)) notFound()
  const raw = await searchParams
  const query = listQuerySchema.parse(
    Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    ),
  )
  const viewer = await currentUser()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Discussions tagged #{tag}</h1>
      <CommunityNav current="" viewer={viewer} />
      <DiscussionList
        base={`/community/tags/${tag}`}
        query={query}
        viewer={viewer}
        fixedTag={tag}
      />
    </div>
  )
}
