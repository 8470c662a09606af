'use server'

import { revalidatePath } from 'next/cache'
import { createLocalReq } from 'payload'
import { z } from 'zod'

import { markRead } from '@collections/Notifications/endpoints'
import { currentUser, payloadClient } from '@/data/session'
import type { FormState } from '@/lib/formState'

const idSchema = z.coerce.number().int().positive()

async function mark(which: { all: true } | { ids: number[] }): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Log in again.' }
  const req = await createLocalReq(
    { user: { ...user, collection: 'users' } },
    await payloadClient(),
  )
  const count = await markRead(req, which)
  revalidatePath('/notifications')
  return { status: 'ok', message: count === 1 ? 'Marked read.' : `${count} marked read.` }
}

export async function markReadAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = idSchema.safeParse(formData.get('id'))
  if (!id.success) return { status: 'error', message: 'That notification is not yours to mark.' }
  return mark({ ids: [id.data] })
}

export async function markAllReadAction(): Promise<FormState> {
  return mark({ all: true })
}
