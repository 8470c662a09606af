'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import '@/components/AdminUi/admin.css'

/**
 * Staff, on an account in /admin: resets its two-factor authentication (POST
 * /api/users/:id/reset-two-factor) after a confirming second click.
 */
export function ResetTwoFactor() {
  const { id } = useDocumentInfo()
  const [isConfirming, setIsConfirming] = useState(false)
  const [isPending, setIsPending] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  if (!id) return null
  const reset = async () => {
    setIsPending(true)
    const response = await fetch(`/api/users/${id}/reset-two-factor`, {
      method: 'POST',
      credentials: 'include',
    })
    const body = (await response.json().catch(() => ({}))) as {
      message?: string
      errors?: { message: string }[]
    }
    setResult({
      ok: response.ok,
      message:
        body.message ?? body.errors?.[0]?.message ?? `The reset failed (${response.status}).`,
    })
    setIsPending(false)
    setIsConfirming(false)
  }
  return (
    <div className="tt-field" data-testid="reset-two-factor">
      <span className="tt-field__label">Two-factor authentication</span>
      <p className="tt-field__note">
        For a member who lost their phone and recovery codes: removes the authenticator app,
        recovery codes and passkeys, and ends their sessions. They are told by mail.
      </p>
      {isConfirming ? (
        <Button buttonStyle="error" size="small" onClick={reset} disabled={isPending}>
          {isPending ? 'Resetting…' : 'Confirm: reset two-factor'}
        </Button>
      ) : (
        <Button buttonStyle="secondary" size="small" onClick={() => setIsConfirming(true)}>
          Reset two-factor authentication
        </Button>
      )}
      {result && (
        <p role="status" className={result.ok ? 'tt-field__note' : 'tt-badge tt-badge--fail'}>
          {result.message}
        </p>
      )}
    </div>
  )
}
