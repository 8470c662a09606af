import type { ReactNode } from 'react'

import { isBillingOn } from '@/lib/billing/config'

import { SettingsNav } from './_components/SettingsNav'

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <SettingsNav hasBilling={isBillingOn()} />
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  )
}
