'use client'

import * as AlertDialog from '@radix-ui/react-alert-dialog'
import { useActionState, useId, useState } from 'react'

import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
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
  const [open, setOpen] = useState(false)
  const formId = useId()
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <form id={formId} action={formAction} onSubmit={() => setOpen(false)}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </form>
      <AlertDialog.Root open={open} onOpenChange={setOpen}>
        <AlertDialog.Trigger asChild>
          <Button variant="danger" size="sm" disabled={pending}>
            {pending ? 'Working…' : label}
          </Button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
          <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(92vw,28rem)] -translate-x-1/2 -translate-y-1/2 rounded-lg border border-border bg-card p-6 text-foreground shadow-xl">
            <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">
              {description}
            </AlertDialog.Description>
            <div className="mt-6 flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" form={formId} variant="danger">
                {confirmLabel}
              </Button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
      {state.message && state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
    </div>
  )
}
