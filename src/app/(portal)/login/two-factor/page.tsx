import type { Metadata } from 'next'
import { cookies } from 'next/headers'
import Link from 'next/link'

import { LOGIN_CHALLENGE_COOKIE } from '@/actions/request'
import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { PasskeyButton } from '@/components/Passkeys/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { payloadClient, safeNext } from '@/data/session'
import { peekChallenge } from '@/lib/auth/challenges'
import { secondFactorMethods, twoFactorState } from '@/lib/auth/twoFactor'

import {
  secondFactorCodeAction,
  secondFactorPasskeyAction,
  secondFactorPasskeyOptionsAction,
} from './actions'

export const metadata: Metadata = { title: 'Two-factor authentication' }

type Props = { searchParams: Promise<Record<string, string | undefined>> }

export default async function TwoFactorPage({ searchParams }: Props) {
  const params = await searchParams
  const next = safeNext(params.next)
  const payload = await payloadClient()
  const token = (await cookies()).get(LOGIN_CHALLENGE_COOKIE)?.value ?? ''
  const challenge = token ? await peekChallenge({ payload }, token, 'second-factor') : null
  const methods = challenge?.userId
    ? secondFactorMethods(await twoFactorState({ payload }, challenge.userId))
    : []
  return (
    <Card className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">Two-factor authentication</h1>
        <p className="text-sm text-muted-foreground">
          Your password is right. Confirm it is you with your second factor.
        </p>
      </div>
      {methods.length === 0 ? (
        <Alert tone="error">
          This login has expired or had too many wrong codes.{' '}
          <Link href={`/login?next=${encodeURIComponent(next)}`} className="underline">
            Log in again
          </Link>
          .
        </Alert>
      ) : (
        <>
          {methods.includes('passkey') && (
            <section aria-labelledby="passkey-heading" className="space-y-2">
              <h2 id="passkey-heading" className="text-lg font-semibold">
                Passkey or security key
              </h2>
              <PasskeyButton
                label="Use a passkey"
                getOptions={secondFactorPasskeyOptionsAction}
                verify={secondFactorPasskeyAction}
                next={next}
              />
            </section>
          )}
          {methods.includes('totp') && (
            <section aria-labelledby="totp-heading" className="space-y-2">
              <h2 id="totp-heading" className="text-lg font-semibold">
                Authenticator app
              </h2>
              <ActionForm
                action={secondFactorCodeAction}
                submitLabel="Verify"
                pendingLabel="Verifying…"
                aria-label="Authenticator code"
              >
                <Hidden name="next" value={next} />
                <Hidden name="method" value="totp" />
                <Field
                  name="code"
                  label="6-digit code"
                  autoComplete="one-time-code"
                  required
                  maxLength={8}
                  hint="From the authenticator app on your phone."
                />
              </ActionForm>
            </section>
          )}
          {methods.includes('recovery') && (
            <details className="rounded-md border p-4">
              <summary className="cursor-pointer text-sm font-medium">
                Use a recovery code instead
              </summary>
              <div className="mt-4">
                <ActionForm
                  action={secondFactorCodeAction}
                  submitLabel="Use recovery code"
                  pendingLabel="Verifying…"
                  aria-label="Recovery code"
                >
                  <Hidden name="next" value={next} />
                  <Hidden name="method" value="recovery" />
                  <Field
                    name="code"
                    label="Recovery code"
                    autoComplete="off"
                    required
                    maxLength={40}
                    hint="One of the ten codes you saved, like abcde-12345. Each works once."
                  />
                </ActionForm>
              </div>
            </details>
          )}
        </>
      )}
    </Card>
  )
}
