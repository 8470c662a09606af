import { ActionForm, Field } from '@/components/Form/index.client'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { describeTotpSecret, type TwoFactorState } from '@/lib/auth/twoFactor'
import { formatDateTime } from '@/lib/time'

import {
  confirmTotpAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpSetupAction,
} from '../actions'
import { RecoveryCodesForm } from './RecoveryCodesForm'

type Props = { state: TwoFactorState; pendingSecret: string | null; email: string }

/** The manual key in groups of four, as authenticator apps show it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret

/** TOTP: set up (QR code, manual key, confirming code), recovery codes, turning it off. */
export async function TwoFactorCard({ state, pendingSecret, email }: Props) {
  const setup = pendingSecret ? await describeTotpSecret(pendingSecret, email) : null
  return (
    <Card aria-labelledby="two-factor-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-factor authentication
        </h2>
        {state.isTotpEnabled || state.passkeys > 0 ? (
          <Badge tone="success">On</Badge>
        ) : (
          <Badge tone="warning">Off</Badge>
        )}
      </div>
      <p className="text-sm text-muted-foreground">
        After your password, logging in asks for a code from an authenticator app or one of your
        passkeys. Organizations can require it of their members.
      </p>

      <section aria-labelledby="totp-heading" className="space-y-3 border-t pt-4">
        <h3 id="totp-heading" className="font-semibold">
          Authenticator app
        </h3>
        {state.isTotpEnabled && state.totpEnabledAt && (
          <p className="text-sm">On since {formatDateTime(state.totpEnabledAt.toISOString())}.</p>
        )}
        {!state.isTotpEnabled && !setup && (
          <ActionForm
            action={startTotpSetupAction}
            submitLabel="Set up authenticator app"
            pendingLabel="Preparing…"
          />
        )}
        {setup && (
          <div className="space-y-4" data-testid="totp-setup">
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              <li>Open an authenticator app (1Password, Google Authenticator, Authy …).</li>
              <li>Scan the QR code, or type the setup key.</li>
              <li>Enter the 6-digit code it shows to finish.</li>
            </ol>
            <div className="flex flex-wrap items-start gap-6">
              {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL, made on the server */}
              <img
                src={setup.qrSvgDataUrl}
                alt="QR code to scan with your authenticator app"
                width={176}
                height={176}
                className="rounded-md border bg-white p-2"
              />
              <div className="min-w-0 space-y-1">
                <p className="text-sm font-medium" id="totp-key-label">
                  Setup key
                </p>
                <code
                  aria-labelledby="totp-key-label"
                  data-testid="totp-secret"
                  data-secret={setup.secret}
                  className="block rounded-md bg-muted px-3 py-2 font-mono text-sm break-all"
                >
                  {grouped(setup.secret)}
                </code>
              </div>
            </div>
            <RecoveryCodesForm
              action={confirmTotpAction}
              inputs={[
                {
                  name: 'code',
                  label: 'Code from the app',
                  hint: 'Six digits; a new one every 30 seconds.',
                },
                { name: 'currentPassword', label: 'Current password' },
              ]}
              submitLabel="Turn on two-factor authentication"
            />
          </div>
        )}
        {state.isTotpEnabled && (
          <details className="rounded-md border p-4">
            <summary className="cursor-pointer text-sm font-medium">
              Turn off the authenticator app
            </summary>
            <div className="mt-3">
              <ActionForm
                action={disableTotpAction}
                submitLabel="Turn off"
                submitVariant="danger"
                pendingLabel="Turning off…"
              >
                <Field
                  name="currentPassword"
                  label="Current password"
                  type="password"
                  autoComplete="current-password"
                  required
                />
              </ActionForm>
            </div>
          </details>
        )}
      </section>

      {(state.isTotpEnabled || state.passkeys > 0) && (
        <section aria-labelledby="recovery-heading" className="space-y-3 border-t pt-4">
          <h3 id="recovery-heading" className="font-semibold">
            Recovery codes
          </h3>
          <p className="text-sm" data-testid="recovery-left">
            {state.recoveryCodesLeft} of 10 recovery codes left.
            {state.recoveryCodesLeft < 3 && ' Generate new ones before you run out.'}
          </p>
          <details className="rounded-md border p-4">
            <summary className="cursor-pointer text-sm font-medium">
              Generate new recovery codes
            </summary>
            <div className="mt-3">
              <RecoveryCodesForm
                action={regenerateRecoveryCodesAction}
                inputs={[{ name: 'currentPassword', label: 'Current password' }]}
                submitLabel="Generate new codes"
                intro={
                  <p className="text-sm text-muted-foreground">
                    Ten new codes replace the earlier ones, which stop working.
                  </p>
                }
              />
            </div>
          </details>
        </section>
      )}
    </Card>
  )
}
