'use client'

import { useSyncExternalStore } from 'react'

import { ThemeSwitcher } from '@/components/ThemeSwitcher/index.client'
import { parseTheme } from '@/lib/theme'

const subscribe = () => () => {}
const appliedTheme = () => document.documentElement.dataset.theme ?? null

/** The theme switcher on a static page: it starts from what the inline script applied. */
export function ThemeChoice() {
  const theme = useSyncExternalStore(subscribe, appliedTheme, () => null)
  if (!theme) return <span aria-hidden="true" className="inline-block h-9 w-32" />
  return <ThemeSwitcher initial={parseTheme(theme)} />
}
