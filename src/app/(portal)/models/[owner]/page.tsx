import { notFound, redirect } from 'next/navigation'

import { modelById } from '@/data/models'
import { currentUser } from '@/data/session'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ owner: string }> }

/**
 * /models/[modelId] redirects to the model's page (/models/owner/slug); /models/<owner> lists
 * that owner's models on the browse page.
 */
export default async function ModelOrOwner({ params }: Props) {
  const { owner } = await params
  if (/^\d{1,10}$/.test(owner)) {
    const model = await modelById(await currentUser(), Number(owner))
    if (!model) notFound()
    redirect(`/models/${model.ownerHandle}/${model.slug}`)
  }
  redirect(`/models?owner=${encodeURIComponent(owner)}`)
}
