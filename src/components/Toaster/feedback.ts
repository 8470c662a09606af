'use client'

import { useEffect, useRef, type RefObject } from 'react'
import { toast } from 'sonner'

import type { FormState } from '@/lib/formState'

type Options = {
  /** Toast a success (for messages the eye may miss: the top of a long form, a closed dialog). */
  toastSuccess?: boolean
  /** Toast a failure too (when the form that failed is no longer in view). */
  toastError?: boolean
  /** The form: on failure, focus moves to its first invalid field, or to its message. */
  formRef?: RefObject<HTMLElement | null>
  /** On success, focus moves to (and the page scrolls to) the element with this id. */
  focusOnSuccess?: string
}

/**
 * Feedback where the eye is, once per action result: a toast (Sonner's polite live region)
 * and, on failure, focus on what needs fixing.
 */
export function useActionFeedback(state: FormState, options: Options = {}) {
  const seen = useRef(state)
  const { toastSuccess = true, toastError = false, formRef, focusOnSuccess } = options
  useEffect(() => {
    if (state === seen.current) return
    seen.current = state
    if (!state.message && state.status !== 'error') return
    if (state.status === 'ok') {
      if (toastSuccess && state.message) toast.success(state.message)
      const changed = focusOnSuccess ? document.getElementById(focusOnSuccess) : null
      if (changed) {
        if (!changed.hasAttribute('tabindex')) changed.setAttribute('tabindex', '-1')
        changed.focus()
        changed.scrollIntoView({ block: 'start', behavior: 'smooth' })
      }
      return
    }
    if (toastError && state.message) toast.error(state.message)
    const form = formRef?.current
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[data-form-message]')
    target?.focus()
  }, [state, toastSuccess, toastError, formRef, focusOnSuccess])
}
