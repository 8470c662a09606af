'use client'

import { useEffect } from 'react'
import { toast, Toaster as Sonner } from 'sonner'

import { FLASH_COOKIE } from '@/lib/flash'

function readFlash(): { tone: 'ok' | 'error'; message: string } | null {
  const raw = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${FLASH_COOKIE}=`))
    ?.slice(FLASH_COOKIE.length + 1)
  if (!raw) return null
  document.cookie = `${FLASH_COOKIE}=; path=/; max-age=0; samesite=lax`
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as { tone?: string; message?: unknown }
    if (typeof value.message !== 'string') return null
    return { tone: value.tone === 'error' ? 'error' : 'ok', message: value.message }
  } catch (error) {
    console.warn('unreadable flash message', error)
    return null
  }
}

/**
 * The portal's toasts (Sonner): a polite live region screen readers announce, bottom right,
 * each with a close button. Also shows the message an action left before redirecting here.
 */
export function Toaster() {
  useEffect(() => {
    const flash = readFlash()
    if (flash) (flash.tone === 'error' ? toast.error : toast.success)(flash.message)
  }, [])
  return (
    <Sonner
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: 'border border-border bg-card text-foreground shadow-lg',
          description: 'text-muted-foreground',
        },
      }}
    />
  )
}
