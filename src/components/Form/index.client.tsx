'use client'

import {
  createContext,
  useActionState,
  useContext,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { useFormStatus } from 'react-dom'

import { FieldMessages, FormMessage } from '@/components/FormFields/index.client'
import { Alert } from '@/components/ui/alert'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button, type ButtonProps } from '@/components/ui/button'
import { Input, Select, Textarea } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { initialFormState, type FormState } from '@/lib/formState'

const FormContext = createContext<FormState>(initialFormState)

/** The answer of the enclosing ActionForm's action (for inputs of their own). */
export const useActionFormState = () => useContext(FormContext)

type ActionFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  children?: ReactNode
  submitLabel: string
  pendingLabel?: string
  className?: string
  submitVariant?: ButtonProps['variant']
  /** Shown instead of the form once the action reports success. */
  successContent?: ReactNode
  /** The id of what the action changes elsewhere on the page: focused once it succeeded. */
  focusOnSuccess?: string
  'aria-label'?: string
}

/** A form bound to a server action: shows its message, field errors and a pending state. */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel,
  className,
  submitVariant,
  successContent,
  focusOnSuccess,
  ...rest
}: ActionFormProps) {
  const [state, formAction] = useActionState(action, initialFormState)
  const formRef = useRef<HTMLFormElement>(null)
  useActionFeedback(state, { toastSuccess: !successContent, formRef, focusOnSuccess })
  if (state.status === 'ok' && successContent) {
    return <Alert tone="success">{state.message ?? successContent}</Alert>
  }
  return (
    <FormContext.Provider value={state}>
      <form
        ref={formRef}
        action={formAction}
        className={className ?? 'space-y-4'}
        noValidate
        aria-label={rest['aria-label']}
      >
        <FormMessage state={state} />
        {children}
        <SubmitButton label={submitLabel} pendingLabel={pendingLabel} variant={submitVariant} />
      </form>
    </FormContext.Provider>
  )
}

function SubmitButton({
  label,
  pendingLabel,
  variant,
}: {
  label: string
  pendingLabel?: string
  variant?: ButtonProps['variant']
}) {
  const { pending } = useFormStatus()
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} variant={variant}>
      {pending ? (pendingLabel ?? 'Working…') : label}
    </Button>
  )
}

type FieldProps = {
  name: string
  label: string
  type?: string
  defaultValue?: string
  hint?: string
  autoComplete?: string
  required?: boolean
  multiline?: boolean
  options?: { label: string; value: string }[]
  maxLength?: number
  /** Keep the label for assistive technology only (e.g. inside a labelled table row). */
  isLabelHidden?: boolean
}

/** A labelled input whose error (from the action) is announced and tied to it. */
export function Field({
  name,
  label,
  type = 'text',
  defaultValue,
  hint,
  multiline,
  options,
  isLabelHidden,
  ...input
}: FieldProps) {
  const state = useContext(FormContext)
  const id = useId()
  const error = state.errors?.[name]
  const value = state.values?.[name] ?? defaultValue
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    defaultValue: type === 'password' ? undefined : value,
    ...input,
  }
  // Remount when the server sends values back, so defaultValue applies again.
  const key = `${name}:${value ?? ''}`
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id} className={isLabelHidden ? 'sr-only' : undefined}>
        {label}
        {input.required && (
          <span aria-hidden="true" className="text-danger">
            {' '}
            *
          </span>
        )}
      </Label>
      {options ? (
        <Select key={key} {...common}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      ) : multiline ? (
        <Textarea key={key} {...common} />
      ) : (
        <Input key={key} type={type} {...common} />
      )}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

/**
 * Rows of the same fields (`links.0.label`, `links.0.url`, …): the filled ones
 * shown, the empty ones behind an "Add" button instead of a stack of blank inputs.
 */
export function RepeatedRows({
  rows,
  filled,
  addLabel,
}: {
  /** Every row there may be, in order (rendered by the page). */
  rows: ReactNode[]
  /** Rows with a value now. */
  filled: number
  addLabel: string
}) {
  const max = rows.length
  const state = useContext(FormContext)
  // After a failed submit, the rows the person had opened come back too.
  const sent = Object.keys({ ...state.values, ...state.errors }).reduce((most, name) => {
    const index = Number(/^[^.]+\.(\d+)\./.exec(name)?.[1] ?? -1)
    return Math.max(most, index + 1)
  }, 0)
  const [shown, setShown] = useState(Math.max(filled, sent))
  const addRef = useRef<HTMLButtonElement>(null)
  return (
    <>
      {rows.slice(0, shown).map((row, index) => (
        <div key={index}>{row}</div>
      ))}
      {shown < max && (
        <Button
          ref={addRef}
          type="button"
          variant="outline"
          size="sm"
          onClick={() => {
            setShown(shown + 1)
            // The new row's first field takes the focus.
            requestAnimationFrame(() =>
              addRef.current?.parentElement
                ?.querySelectorAll<HTMLInputElement>('input')
                [shown * 2]?.focus(),
            )
          }}
        >
          {addLabel}
        </Button>
      )}
    </>
  )
}

/** Hidden input for ids the action needs. */
export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />
}
