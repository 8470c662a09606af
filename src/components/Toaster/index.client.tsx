'use client'

import { Toaster as Sonner } from 'sonner'

/**
 * The portal's toasts (Sonner): a polite live region screen readers announce ("Messages"),
 * bottom right, each with a close button, in the theme's colours (globals.css).
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      containerAriaLabel="Messages"
      toastOptions={{
        classNames: {
          toast: 'border border-border bg-card text-foreground shadow-lg',
          description: 'text-muted-foreground',
        },
      }}
    />
  )
}
