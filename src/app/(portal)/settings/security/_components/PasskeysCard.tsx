import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { AddPasskey } from '@/components/Passkeys/index.client'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Card } from '@/components/ui/card'
import type { Passkey } from '@/lib/auth/passkeys'

import {
  finishPasskeyRegistrationAction,
  passkeyRegistrationOptionsAction,
  removePasskeyAction,
  renamePasskeyAction,
} from '../actions'

/** Passkeys and security keys: the list (rename, remove) and adding one. */
export function PasskeysCard({ passkeys, now }: { passkeys: Passkey[]; now: number }) {
  return (
    <Card aria-labelledby="passkeys-heading" className="space-y-4">
      <h2 id="passkeys-heading" className="text-lg font-semibold">
        Passkeys and security keys
      </h2>
      <p className="text-sm text-muted-foreground">
        Log in with your fingerprint, face, device PIN or a security key instead of a code. A
        passkey also works as your second factor.
      </p>
      {passkeys.length === 0 ? (
        <p className="text-sm">No passkey yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="space-y-2 p-3" data-testid="passkey">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium break-words">{passkey.name}</p>
                  <p className="text-sm text-muted-foreground">
                    Added <RelativeTime date={passkey.createdAt} now={now} />
                    {' · '}
                    {passkey.lastUsedAt ? (
                      <>
                        last used <RelativeTime date={passkey.lastUsedAt} now={now} />
                      </>
                    ) : (
                      'never used'
                    )}
                    {passkey.isBackedUp && ' · synced'}
                  </p>
                </div>
              </div>
              <details>
                <summary className="cursor-pointer text-sm">
                  Remove<span className="sr-only"> “{passkey.name}”</span>
                </summary>
                <ActionForm
                  action={removePasskeyAction}
                  submitLabel="Remove passkey"
                  submitVariant="danger"
                  pendingLabel="Removing…"
                  className="mt-2 space-y-3"
                  aria-label={`Remove ${passkey.name}`}
                >
                  <p className="text-sm text-muted-foreground">
                    You can no longer log in with it. Remove it from your device or password manager
                    too.
                  </p>
                  <Hidden name="id" value={passkey.id} />
                  <Field
                    name="currentPassword"
                    label="Current password"
                    type="password"
                    autoComplete="current-password"
                    required
                  />
                </ActionForm>
              </details>
              <details>
                <summary className="cursor-pointer text-sm">
                  Rename<span className="sr-only"> “{passkey.name}”</span>
                </summary>
                <ActionForm
                  action={renamePasskeyAction}
                  submitLabel="Save name"
                  className="mt-2 flex flex-wrap items-end gap-3"
                  aria-label={`Rename ${passkey.name}`}
                >
                  <Hidden name="id" value={passkey.id} />
                  <Field
                    name="name"
                    label="New name"
                    defaultValue={passkey.name}
                    maxLength={60}
                    required
                  />
                </ActionForm>
              </details>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="add-passkey-heading" className="space-y-2 border-t pt-4">
        <h3 id="add-passkey-heading" className="font-semibold">
          Add a passkey
        </h3>
        <AddPasskey
          getOptions={passkeyRegistrationOptionsAction}
          verify={finishPasskeyRegistrationAction}
        />
      </section>
    </Card>
  )
}
