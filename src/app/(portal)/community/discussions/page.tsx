import type { Metadata } from 'next'
import Link from 'next/link'

import { Button } from '@/components/ui/button'
import { currentUser } from '@/data/session'
import { listQuerySchema } from '@/schemas/forum'

import { CommunityNav } from '../_components/CommunityNav'
import { DiscussionList } from '../_components/DiscussionList'

export const metadata: Metadata = { title: 'Discussions' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function DiscussionsPage({ searchParams }: Props) {
  const raw = await searchParams
  const query = listQuerySchema.parse(
    Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    ),
  )
  const viewer = await currentUser()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Discussions</h1>
        <Button asChild>
          <Link
            href={viewer ? '/community/discussions/new' : '/login?next=/community/discussions/new'}
          >
            Start a discussion
          </Link>
        </Button>
      </div>
      <CommunityNav current="/community/discussions" viewer={viewer} />
      <DiscussionList base="/community/discussions" query={query} viewer={viewer} />
    </div>
  )
}
