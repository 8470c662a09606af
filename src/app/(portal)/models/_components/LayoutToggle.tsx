'use client'

import { useRouter } from 'next/navigation'

import { setLayoutAction } from '../actions'

/** The grid/list switch: remembered in a cookie, so the next visit opens the same way. */
export function LayoutToggle({ layout }: { layout: 'grid' | 'list' }) {
  const router = useRouter()
  const choose = async (next: 'grid' | 'list') => {
    await setLayoutAction(next)
    router.refresh()
  }
  return (
    <div role="group" aria-label="Layout" className="inline-flex rounded-md border border-border">
      {(['grid', 'list'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={layout === option}
          onClick={() => void choose(option)}
          className="min-h-10 px-3 text-sm aria-pressed:bg-muted aria-pressed:font-semibold"
        >
          {option === 'grid' ? 'Grid' : 'List'}
        </button>
      ))}
    </div>
  )
}
