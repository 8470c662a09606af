'use server'

import { personAction } from '@/actions/formAction'
import { avatarSchema, changeEmailSchema, profileSchema } from '@/schemas/account'

const MAX_LINKS = 5

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

export const updateProfileAction = personAction({
  schema: profileSchema,
  input: (formData) => ({
    name: formData.get('name'),
    username: formData.get('username'),
    bio: formData.get('bio') ?? '',
    links: linksFrom(formData),
  }),
  onError: (state) =>
    state.errors?.username
      ? { ...state, errors: { ...state.errors, username: 'This username is taken. Try another.' } }
      : state,
  // The header shows the name and avatar on every page.
  revalidate: () => [{ layout: '/' }],
  run: async (data, { payload, user }) => {
    await payload.update({
      collection: 'users',
      id: user.id,
      data,
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: 'Profile saved.' }
  },
})

export const uploadAvatarAction = personAction({
  schema: avatarSchema,
  input: (formData) => ({ avatar: formData.get('avatar') }),
  failure: 'The image could not be processed. Try another file.',
  revalidate: () => ['/settings/profile'],
  run: async ({ avatar }, { payload, user }) => {
    const media = await payload.create({
      collection: 'media',
      data: { alt: `Avatar of ${user.name}` },
      file: {
        data: Buffer.from(await avatar.arrayBuffer()),
        mimetype: avatar.type,
        name: avatar.name,
        size: avatar.size,
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
    return { status: 'ok', message: 'Avatar updated.' }
  },
})

/** Asks to change the email: it changes once the new address confirms (collections/Users/emailChange.ts). */
export const changeEmailAction = personAction({
  schema: changeEmailSchema,
  revalidate: () => ['/settings/profile'],
  run: async ({ email }, { payload, user }) => {
    if (email === user.email) {
      return {
        status: 'error',
        errors: { email: 'This is already your email.' },
        values: { email },
      }
    }
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { email },
      overrideAccess: false,
      user,
    })
    return {
      status: 'ok',
      message: `Check the inbox of ${email}: your email changes once you confirm it there. We also told ${user.email}.`,
    }
  },
})
