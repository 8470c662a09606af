import type { Metadata } from 'next'

import { hasRole } from '@/access/roles'
import { allCategories } from '@/data/forum'
import { requireUser } from '@/data/session'
import type { DiscussionKind } from '@/lib/forum/config'

import { NewDiscussionForm } from '../../_components/NewDiscussionForm.client'

export const metadata: Metadata = { title: 'Start a discussion' }

type Props = { searchParams: Promise<{ category?: string }> }

export default async function NewDiscussionPage({ searchParams }: Props) {
  const user = await requireUser('/community/discussions/new')
  const { category } = await searchParams
  const isStaff = hasRole(user, 'staff')
  const categories = (await allCategories())
    .filter((c) => isStaff || c.whoMayStart !== 'staff')
    .map((c) => ({
      id: c.id,
      name: c.name,
      slug: c.slug,
      kinds: (c.allowedKinds ?? []).filter(
        (kind) => isStaff || kind !== 'announcement',
      ) as DiscussionKind[],
    }))
    .filter((c) => c.kinds.length > 0)
  const initial = categories.find((c) => c.slug === category)?.id
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Start a discussion</h1>
      <p className="text-sm text-muted-foreground">
        Search first: similar discussions show up while you type the title. New members’ first post
        is reviewed by a moderator before it appears.
      </p>
      <NewDiscussionForm categories={categories} initialCategory={initial} viewerId={user.id} />
    </div>
  )
}
