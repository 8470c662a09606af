'use client'

import * as Dialog from '@radix-ui/react-dialog'
import { usePathname } from 'next/navigation'
import { useState, type ReactNode } from 'react'

import { CloseIcon, MenuIcon } from './icons'
import { NavLinks, type NavLink } from './NavLinks.client'

/**
 * Below the `md` breakpoint the header keeps one row: a menu button opens this drawer (a modal
 * dialog: focus stays inside, Escape or a link closes it) with the sections and the account.
 */
export function MobileNav({ links, children }: { links: NavLink[]; children?: ReactNode }) {
  const pathname = usePathname()
  // Open on the page it was opened on: a link to another page closes it once the page changes.
  const [openOn, setOpenOn] = useState<string | null>(null)
  const isOpen = openOn === pathname
  const setOpen = (open: boolean) => setOpenOn(open ? pathname : null)
  return (
    <Dialog.Root open={isOpen} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label="Open menu"
        className="inline-flex min-h-10 min-w-10 items-center justify-center rounded-md border border-border hover:bg-muted lg:hidden"
      >
        <MenuIcon />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto border-r border-border bg-background p-4 text-foreground shadow-xl"
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('a')) setOpen(false)
          }}
        >
          <div className="flex items-center justify-between">
            <Dialog.Title className="font-semibold">Menu</Dialog.Title>
            <Dialog.Close
              aria-label="Close menu"
              className="inline-flex min-h-10 min-w-10 items-center justify-center rounded-md hover:bg-muted"
            >
              <CloseIcon />
            </Dialog.Close>
          </div>
          <NavLinks links={links} label="Main" className="flex flex-col gap-1" />
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
