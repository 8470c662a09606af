'use server'

import { payloadClient } from '@/data/session'
import type { FormState } from '@/lib/formState'
import { applyUnsubscribe } from '@/lib/notifications/preferences'
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe'

/** The signed token is the authorisation: no login needed. */
export async function unsubscribeAction(_state: FormState, formData: FormData): Promise<FormState> {
  const target = readUnsubscribeToken(String(formData.get('token') ?? ''))
  if (!target) return { status: 'error', message: 'This unsubscribe link is not valid.' }
  return { status: 'ok', message: await applyUnsubscribe(await payloadClient(), target) }
}
