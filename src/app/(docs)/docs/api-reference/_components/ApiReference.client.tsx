'use client'

import dynamic from 'next/dynamic'
import { useSyncExternalStore } from 'react'

import { TryKeyPicker, useTryKey } from '@/components/TryKey/index.client'

/** Scalar and its styles load with this page only, in the browser. */
const Scalar = dynamic(() => import('./Scalar.client'), {
  ssr: false,
  loading: () => (
    <p className="py-12 text-center text-muted-foreground" aria-live="polite">
      Loading the API reference…
    </p>
  ),
})

const subscribeToTheme = (onChange: () => void) => {
  const observer = new MutationObserver(onChange)
  observer.observe(document.documentElement, { attributeFilter: ['data-theme'] })
  return () => observer.disconnect()
}
const isDarkTheme = () => (document.documentElement.dataset.theme ?? 'light') !== 'light'

/** The key picker above Scalar's reference, which sends the picked key as its Bearer token. */
export function ApiReference() {
  const tryKey = useTryKey()
  const isDark = useSyncExternalStore(subscribeToTheme, isDarkTheme, () => false)
  const token = tryKey.status === 'ready' ? tryKey.selected?.key : undefined
  return (
    <div className="space-y-6">
      <TryKeyPicker state={tryKey} returnTo="/docs/api-reference" />
      <div className="-mx-4 border-t border-border">
        {/* A new key remounts the reference with it prefilled. */}
        <Scalar key={token ?? 'no-key'} token={token} isDark={isDark} />
      </div>
    </div>
  )
}
