import { notFound, redirect } from 'next/navigation'

import { modelById } from '@/data/models'
import { parseModelId } from '@/lib/models/constants'
import { currentUser } from '@/data/session'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ owner: string }> }

/**
 * /models/[modelId] redirects to the model's page (/models/owner/slug); /models/<owner> lists
 * that owner's models on the browse page.
 */
export default async function ModelOrOwner({ params }: Props) {
  const { owner } = await params
  if (/^\d+$/.test(owner)) {
    const id = parseModelId(owner)
    const model = id ? await modelById(await currentUser(), id) : null
    if (!model) notFound()
    redirect(`/models/${model.ownerHandle}/${model.slug}`)
  }
  redirect(`/models?owner=${encodeURIComponent(owner)}`)
}
