'use server'

import { revalidatePath } from 'next/cache'

import { currentUser, payloadClient } from '@/data/session'
import { formError, parseForm, zodFormError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { changeEmailSchema, profileSchema } from '@/schemas/account'

const MAX_LINKS = 5
const AVATAR_MAX_BYTES = 2 * 1024 * 1024
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']

/** Collects links.N.label / links.N.url pairs, skipping empty rows. */
function linksFrom(formData: FormData) {
  const links: { label: string; url: string }[] = []
  for (let i = 0; i < MAX_LINKS; i++) {
    const label = String(formData.get(`links.${i}.label`) ?? '').trim()
    const url = String(formData.get(`links.${i}.url`) ?? '').trim()
    if (label || url) links.push({ label, url })
  }
  return links
}

export async function updateProfileAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Log in again.' }
  const input = {
    name: formData.get('name'),
    username: formData.get('username'),
    bio: formData.get('bio') ?? '',
    links: linksFrom(formData),
  }
  const result = profileSchema.safeParse(input)
  if (!result.success) return zodFormError(result.error, formData)
  try {
    const payload = await payloadClient()
    await payload.update({
      collection: 'users',
      id: user.id,
      data: result.data,
      overrideAccess: false,
      user,
    })
  } catch (error) {
    const state = formError(error, formData)
    if (state.errors?.username) state.errors.username = 'This username is taken. Try another.'
    return state
  }
  revalidatePath('/', 'layout')
  return { status: 'ok', message: 'Profile saved.' }
}

export async function uploadAvatarAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Log in again.' }
  const file = formData.get('avatar')
  if (!(file instanceof File) || file.size === 0) {
    return { status: 'error', errors: { avatar: 'Choose an image to upload.' } }
  }
  if (!AVATAR_TYPES.includes(file.type)) {
    return {
      status: 'error',
      errors: { avatar: 'The avatar must be a PNG, JPEG, WebP or GIF image.' },
    }
  }
  if (file.size > AVATAR_MAX_BYTES) {
    return { status: 'error', errors: { avatar: 'The avatar must be 2 MB or smaller.' } }
  }
  try {
    const payload = await payloadClient()
    const media = await payload.create({
      collection: 'media',
      data: { alt: `Avatar of ${user.name}` },
      file: {
        data: Buffer.from(await file.arrayBuffer()),
        mimetype: file.type,
        name: file.name,
        size: file.size,
      },
      overrideAccess: false,
      user,
    })
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { avatar: media.id },
      overrideAccess: false,
      user,
    })
  } catch (error) {
    return formError(error, formData, 'The image could not be processed. Try another file.')
  }
  revalidatePath('/settings/profile')
  return { status: 'ok', message: 'Avatar updated.' }
}

/** Asks to change the email: it changes once the new address confirms (collections/Users/emailChange.ts). */
export async function changeEmailAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Log in again.' }
  const parsed = parseForm(changeEmailSchema, formData)
  if (!parsed.data) return parsed.state
  const { email } = parsed.data
  if (email === user.email) {
    return { status: 'error', errors: { email: 'This is already your email.' }, values: { email } }
  }
  try {
    const payload = await payloadClient()
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { email },
      overrideAccess: false,
      user,
    })
  } catch (error) {
    return formError(error, formData)
  }
  revalidatePath('/settings/profile')
  return {
    status: 'ok',
    message: `Check the inbox of ${email}: your email changes once you confirm it there. We also told ${user.email}.`,
  }
}
