'use client'

import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { toast } from 'sonner'

import { switchAccountAction } from '@/actions/account'
import type { AccountOption } from '@/data/account'
import { initialFormState } from '@/lib/formState'

import { ChevronIcon } from './icons'

const itemClass =
  'flex cursor-pointer items-center gap-2 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-muted'

/**
 * Which account the pages show: all, personal, or one organization the person manages. The
 * choice is kept (a cookie) and the key and webhook lists follow it.
 */
export function AccountSwitcher({
  current,
  label,
  options,
}: {
  current: string
  label: string
  options: AccountOption[]
}) {
  const router = useRouter()
  const [isPending, startTransition] = useTransition()
  const choose = (value: string) => {
    if (value === current) return
    const formData = new FormData()
    formData.set('account', value)
    startTransition(async () => {
      const state = await switchAccountAction(initialFormState, formData)
      if (state.status === 'error') toast.error(state.message)
      else {
        toast.success(state.message)
        router.refresh()
      }
    })
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-busy={isPending}
        className="inline-flex min-h-10 max-w-48 items-center gap-1 rounded-md border border-border px-3 text-sm hover:bg-muted"
      >
        <span className="sr-only">Account: </span>
        <span className="truncate">{label}</span>
        <ChevronIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-border bg-card p-1 text-foreground shadow-lg"
        >
          <DropdownMenu.Label className="px-3 py-2 text-xs text-muted-foreground">
            Show the dashboard, keys and webhooks of
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={current} onValueChange={choose}>
            {options.map((option) => (
              <DropdownMenu.RadioItem key={option.value} value={option.value} className={itemClass}>
                <span aria-hidden="true" className="w-3">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1 truncate">{option.label}</span>
                {option.role && (
                  <span className="text-xs text-muted-foreground">{option.role}</span>
                )}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild>
            <Link href="/settings/organization" className={itemClass}>
              Manage organizations
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
