/** What every portal server action returns to its form (useActionState). */
export type FormState = {
  status?: 'ok' | 'error'
  message?: string
  errors?: Record<string, string>
  values?: Record<string, string>
}

export const initialFormState: FormState = {}
