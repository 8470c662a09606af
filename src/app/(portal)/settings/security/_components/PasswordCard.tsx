import { ActionForm, Field } from '@/components/Form/index.client'
import { Card } from '@/components/ui/card'

import { changePasswordAction } from '../actions'

export function PasswordCard() {
  return (
    <Card aria-labelledby="password-heading">
      <h2 id="password-heading" className="mb-1 text-lg font-semibold">
        Password
      </h2>
      <p className="mb-4 text-sm text-muted-foreground">
        Changing it signs out every other session and mails you a notice.
      </p>
      <ActionForm
        action={changePasswordAction}
        submitLabel="Change password"
        pendingLabel="Changing…"
        aria-label="Change password"
      >
        <Field
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="10 to 200 characters."
          required
        />
        <Field
          name="confirmPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
        />
      </ActionForm>
    </Card>
  )
}
