'use client'

import { useActionState, useId, useState } from 'react'

import { useActionFeedback } from '@/components/Toaster/feedback'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'
import { initialFormState, type FormState } from '@/lib/formState'

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  fields: Record<string, string>
  label: string
  title: string
  description: string
  confirmLabel: string
}

/** A destructive action that asks first (keyboard and screen-reader friendly, via Radix). */
export function ConfirmAction({ action, fields, label, title, description, confirmLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  useActionFeedback(state, { toastError: true })
  const [open, setOpen] = useState(false)
  const formId = useId()
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <form id={formId} action={formAction} onSubmit={() => setOpen(false)}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </form>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <Button variant="danger" size="sm" disabled={pending}>
            {pending ? 'Working…' : label}
          </Button>
        }
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        isDanger
        formId={formId}
      />
      {state.message && state.status === 'error' && (
        <Alert tone="error" isAnnounced={false}>
          {state.message}
        </Alert>
      )}
    </div>
  )
}
