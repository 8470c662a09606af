'use client'

import { useActionState, useId, useState } from 'react'

import { Alert } from '@/components/ui/alert'
import { SecretPanel } from '@/components/SecretPanel/index.client'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'
import type { SecretState } from '@/schemas/webhooks'

type Props = {
  /** Reveals (`intent=reveal`) or rotates (`intent=rotate`) the secret of endpoint `id`. */
  action: (state: SecretState, formData: FormData) => Promise<SecretState>
  endpointId: number
}

/**
 * Reveal the signing secret, or rotate it after a confirmation. Either way the secret comes
 * back in the action state and shows in one panel until hidden.
 */
export function SecretControls({ action, endpointId }: Props) {
  const [state, formAction, pending] = useActionState(action, {} as SecretState)
  const [hiddenState, setHiddenState] = useState<SecretState | null>(null)
  const [open, setOpen] = useState(false)
  const rotateFormId = useId()
  const isShown = Boolean(state.secret) && state !== hiddenState

  return (
    <div className="space-y-4">
      {isShown && state.secret && (
        <SecretPanel
          noun="secret"
          testId="endpoint-secret"
          secret={state.secret}
          title={state.kind === 'rotated' ? 'Your new signing secret' : 'Signing secret'}
          warning={
            state.kind === 'rotated'
              ? 'Deploy this secret to your receiver within 24 hours: after that the previous secret stops signing deliveries.'
              : 'Anyone with this secret can forge deliveries to your receiver. Keep it out of code, logs and chat.'
          }
          note={state.message}
        >
          <Button type="button" variant="outline" size="sm" onClick={() => setHiddenState(state)}>
            Hide secret
          </Button>
        </SecretPanel>
      )}
      {state.status === 'error' && state.message && <Alert tone="error">{state.message}</Alert>}

      <div className="flex flex-wrap gap-3">
        <form action={formAction}>
          <input type="hidden" name="id" value={endpointId} />
          <input type="hidden" name="intent" value="reveal" />
          <Button type="submit" variant="outline" disabled={pending} aria-disabled={pending}>
            Reveal secret
          </Button>
        </form>

        <form id={rotateFormId} action={formAction} onSubmit={() => setOpen(false)}>
          <input type="hidden" name="id" value={endpointId} />
          <input type="hidden" name="intent" value="rotate" />
        </form>
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          trigger={
            <Button type="button" variant="outline" disabled={pending} aria-disabled={pending}>
              Rotate secret
            </Button>
          }
          title="Rotate the signing secret?"
          description={
            <>
              A new secret is issued and shown once. For the next 24 hours both secrets sign every
              delivery (two signatures in <code>webhook-signature</code>), so your receiver keeps
              verifying while you deploy the new one. After 24 hours only the new secret signs.
            </>
          }
          confirmLabel="Rotate secret"
          formId={rotateFormId}
        />
      </div>
      {pending && (
        <p role="status" className="text-sm text-muted-foreground">
          Working…
        </p>
      )}
    </div>
  )
}
