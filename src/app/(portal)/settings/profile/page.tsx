import type { Metadata } from 'next'

import { ActionForm, Field, RepeatedRows } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { requireUser } from '@/data/session'
import type { Media } from '@/payload-types'

import { changeEmailAction, updateProfileAction, uploadAvatarAction } from './actions'

export const metadata: Metadata = { title: 'Profile settings' }

type Props = { searchParams: Promise<{ emailChanged?: string }> }

export default async function ProfileSettingsPage({ searchParams }: Props) {
  const user = await requireUser('/settings/profile')
  const { emailChanged } = await searchParams
  const avatar = typeof user.avatar === 'object' ? (user.avatar as Media | null) : null
  const links = user.links ?? []
  return (
    <>
      <h1 className="text-2xl font-semibold">Profile</h1>
      {emailChanged && <Alert tone="success">Your email is now {user.email}.</Alert>}
      <Card aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="mb-1 text-lg font-semibold">
          Public profile
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          Shown to everyone. Your email ({user.email}) and plan ({user.plan}) stay private.
        </p>
        <ActionForm action={updateProfileAction} submitLabel="Save profile" pendingLabel="Saving…">
          <Field
            name="name"
            label="Name"
            defaultValue={user.name}
            autoComplete="name"
            required
            maxLength={80}
          />
          <Field
            name="username"
            label="Username"
            defaultValue={user.username}
            autoComplete="username"
            required
            maxLength={32}
          />
          <Field
            name="bio"
            label="Bio"
            defaultValue={user.bio ?? ''}
            multiline
            maxLength={500}
            hint="Up to 500 characters."
          />
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium">Links (up to 5)</legend>
            {links.length === 0 && (
              <p className="text-sm text-muted-foreground">
                Your site, GitHub or anything else people should find from your profile.
              </p>
            )}
            <RepeatedRows
              filled={links.length}
              addLabel="Add link"
              rows={Array.from({ length: 5 }, (_, i) => (
                <div key={i} className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                  <Field
                    name={`links.${i}.label`}
                    label={`Link ${i + 1} label`}
                    defaultValue={links[i]?.label ?? ''}
                    maxLength={40}
                  />
                  <Field
                    name={`links.${i}.url`}
                    label={`Link ${i + 1} URL`}
                    type="url"
                    defaultValue={links[i]?.url ?? ''}
                  />
                </div>
              ))}
            />
          </fieldset>
        </ActionForm>
      </Card>
      <Card aria-labelledby="email-heading">
        <h2 id="email-heading" className="mb-1 text-lg font-semibold">
          Email
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          You sign in with {user.email}. A new address takes effect once you confirm it from the
          mail we send there.
        </p>
        {user.pendingEmail && (
          <Alert className="mb-4">
            Waiting for {user.pendingEmail} to confirm: open the link in the mail we sent there (it
            works for 24 hours).
          </Alert>
        )}
        <ActionForm action={changeEmailAction} submitLabel="Change email" pendingLabel="Sending…">
          <Field name="email" label="New email" type="email" autoComplete="email" required />
        </ActionForm>
      </Card>
      <Card aria-labelledby="avatar-heading">
        <h2 id="avatar-heading" className="mb-4 text-lg font-semibold">
          Avatar
        </h2>
        <div className="flex flex-wrap items-start gap-6">
          {avatar?.sizes?.avatar?.url || avatar?.url ? (
            // eslint-disable-next-line @next/next/no-img-element -- served by Payload from disk or S3
            <img
              src={avatar.sizes?.avatar?.url ?? avatar.url ?? ''}
              alt={avatar.alt ?? 'Your avatar'}
              width={96}
              height={96}
              className="h-24 w-24 rounded-full object-cover"
            />
          ) : (
            <div
              aria-hidden="true"
              className="flex h-24 w-24 items-center justify-center rounded-full bg-muted text-3xl font-semibold"
            >
              {user.name.slice(0, 1).toUpperCase()}
            </div>
          )}
          <AvatarForm />
        </div>
      </Card>
    </>
  )
}

function AvatarForm() {
  return (
    <ActionForm
      action={uploadAvatarAction}
      submitLabel="Upload avatar"
      pendingLabel="Uploading…"
      className="flex-1 space-y-4"
    >
      <Field name="avatar" label="Image" type="file" hint="PNG, JPEG, WebP or GIF, up to 2 MB." />
    </ActionForm>
  )
}
