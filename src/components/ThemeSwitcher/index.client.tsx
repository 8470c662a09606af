'use client'

import { useState } from 'react'

import { THEMES, type Theme } from '@/lib/theme'

/** Light, dark and high-contrast themes; the choice is kept in a cookie so pages render in it. */
export function ThemeSwitcher({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial)
  return (
    <label className="flex items-center gap-2 text-sm">
      {/* Shown in the drawer (below lg) and on wide screens; the header's row has no room. */}
      <span className="sr-only sm:not-sr-only lg:sr-only 2xl:not-sr-only">Theme</span>
      <select
        className="rounded-md border border-border bg-background px-2 py-1 text-sm min-h-9"
        value={theme}
        onChange={(event) => {
          const next = event.target.value as Theme
          setTheme(next)
          document.documentElement.dataset.theme = next
          document.cookie = `tt-theme=${next}; path=/; max-age=31536000; samesite=lax`
        }}
      >
        {THEMES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}
