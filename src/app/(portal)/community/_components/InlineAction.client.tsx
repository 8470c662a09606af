'use client'

import { useActionState, type ReactNode } from 'react'

import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button, type ButtonProps } from '@/components/ui/button'
import { initialFormState, type FormState } from '@/lib/formState'

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  fields: Record<string, string>
  children: ReactNode
  label?: string
  isPressed?: boolean
  variant?: ButtonProps['variant']
  size?: ButtonProps['size']
  className?: string
}

/** A one-button form for a server action (react, vote, watch, pin …): the result as a toast. */
export function InlineAction({
  action,
  fields,
  children,
  label,
  isPressed,
  variant = 'outline',
  size = 'sm',
  className,
}: Props) {
  const [state, formAction, isPending] = useActionState(action, initialFormState)
  useActionFeedback(state, { toastError: true })
  return (
    <form action={formAction} className="inline-flex">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button
        type="submit"
        variant={variant}
        size={size}
        disabled={isPending}
        aria-pressed={isPressed}
        aria-label={label}
        className={className}
      >
        {children}
      </Button>
    </form>
  )
}
