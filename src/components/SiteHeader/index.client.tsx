'use client'

import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import Link from 'next/link'
import { startTransition } from 'react'

import { logoutAction } from '@/actions/session'

const itemClass =
  'block cursor-pointer rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-muted'

/** "Maya Member" → "MM". */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => [...part][0]?.toUpperCase() ?? '')
    .join('') || '?'

/** Account menu: keyboard operable (Radix), with the log-out form inside. */
export function UserMenu({ name, username }: { name: string; username: string }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="max-w-32 truncate whitespace-nowrap 2xl:max-w-40 rounded-md border border-border px-3 py-2 text-sm min-h-10">
        {/* Below 2xl seven sections share the row: the button shows initials, and says the name. */}
        <span aria-hidden="true" className="2xl:hidden">
          {initials(name)}
        </span>
        <span className="sr-only 2xl:not-sr-only">{name}</span>
        <span className="sr-only"> — account menu</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-48 rounded-md border border-border bg-card p-1 text-foreground shadow-lg"
        >
          <DropdownMenu.Label className="px-3 py-2 text-xs text-muted-foreground">
            @{username}
          </DropdownMenu.Label>
          <DropdownMenu.Item asChild>
            <Link href={`/u/${encodeURIComponent(username)}`} className={itemClass}>
              Profile
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link href="/settings/organization" className={itemClass}>
              Organizations
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link href="/settings/profile" className={itemClass}>
              Settings
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {/* The menu unmounts on select, so the action is called directly, not through a form. */}
          <DropdownMenu.Item
            className={itemClass}
            onSelect={() => startTransition(() => logoutAction())}
          >
            Log out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
