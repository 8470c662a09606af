'use client'

import { useActionState, useId, useState } from 'react'

import { useActionFeedback } from '@/components/Toaster/feedback'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'
import { initialFormState, type FormState } from '@/lib/formState'

export type RecentUse = {
  days: number
  endpoints: { endpoint: string; requests: number; lastSeen: string }[]
  ips: { ip: string; requests: number; lastSeen: string }[]
}

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  keyId: number
  keyName: string
  recentUse: RecentUse
  /** Already revoked: nothing to do (the component stays, so its result is still announced). */
  isRevoked?: boolean
}

const requests = (count: number) => (count === 1 ? '1 request' : `${count} requests`)

/**
 * Revokes a key after a confirmation that shows what used it lately, so nobody cuts off a
 * live integration by mistake. Same pattern as ConfirmAction, with a richer dialog.
 */
export function RevokeKey({ action, keyId, keyName, recentUse, isRevoked = false }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  useActionFeedback(state, { toastError: true })
  const [open, setOpen] = useState(false)
  const formId = useId()
  if (isRevoked) return null
  const isUnused = recentUse.endpoints.length === 0 && recentUse.ips.length === 0
  return (
    <div className="space-y-3">
      <form id={formId} action={formAction} onSubmit={() => setOpen(false)}>
        <input type="hidden" name="id" value={keyId} />
      </form>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <Button variant="danger" disabled={pending}>
            {pending ? 'Revoking…' : 'Revoke key'}
          </Button>
        }
        title={<>Revoke “{keyName}”?</>}
        description="Every request with this key is refused within a second. This cannot be undone."
        confirmLabel="Revoke"
        isDanger
        formId={formId}
      >
        <div className="mt-4 space-y-3 text-sm">
          <h3 className="font-semibold">Used in the last {recentUse.days} days</h3>
          {isUnused ? (
            <p>No use in the last {recentUse.days} days.</p>
          ) : (
            <>
              {recentUse.endpoints.length > 0 && (
                <div>
                  <h4 className="font-medium">Endpoints</h4>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5">
                    {recentUse.endpoints.map((item) => (
                      <li key={item.endpoint} className="break-all">
                        <code>{item.endpoint}</code> · {requests(item.requests)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {recentUse.ips.length > 0 && (
                <div>
                  <h4 className="font-medium">IP addresses</h4>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5">
                    {recentUse.ips.map((item) => (
                      <li key={item.ip} className="break-all">
                        <code>{item.ip}</code> · {requests(item.requests)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
        </div>
      </ConfirmDialog>
      {state.status === 'error' && state.message && (
        <Alert tone="error" isAnnounced={false}>
          {state.message}
        </Alert>
      )}
    </div>
  )
}
