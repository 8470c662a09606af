'use client'

import * as AlertDialog from '@radix-ui/react-alert-dialog'
import { useActionState, useId, useState } from 'react'

import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import type { SecretState } from '@/schemas/webhooks'

import { SecretPanel } from './SecretPanel'

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
        <AlertDialog.Root open={open} onOpenChange={setOpen}>
          <AlertDialog.Trigger asChild>
            <Button type="button" variant="outline" disabled={pending} aria-disabled={pending}>
              Rotate secret
            </Button>
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
            <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(92vw,30rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-border bg-card p-6 text-foreground shadow-xl">
              <AlertDialog.Title className="text-lg font-semibold">
                Rotate the signing secret?
              </AlertDialog.Title>
              <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">
                A new secret is issued and shown once. For the next 24 hours both secrets sign every
                delivery (two signatures in <code>webhook-signature</code>), so your receiver keeps
                verifying while you deploy the new one. After 24 hours only the new secret signs.
              </AlertDialog.Description>
              <div className="mt-6 flex flex-wrap justify-end gap-3">
                <AlertDialog.Cancel asChild>
                  <Button variant="outline">Cancel</Button>
                </AlertDialog.Cancel>
                <Button type="submit" form={rotateFormId}>
                  Rotate secret
                </Button>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      </div>
      {pending && (
        <p role="status" className="text-sm text-muted-foreground">
          Working…
        </p>
      )}
    </div>
  )
}
