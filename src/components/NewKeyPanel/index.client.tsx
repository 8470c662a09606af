'use client'

import Link from 'next/link'

import { SecretPanel } from '@/components/SecretPanel/index.client'

type Props = {
  issued: { id: number; key: string; display: string; name: string }
  title?: string
  /** Shown under the warning, e.g. what happens to the key it replaced. */
  note?: string
}

/** An API key just issued (created or rotated), shown once, with the way to its page. */
export function NewKeyPanel({ issued, title = 'Your new API key', note }: Props) {
  return (
    <SecretPanel
      secret={issued.key}
      noun="key"
      title={title}
      warning="This key will not be shown again. Store it somewhere safe."
      note={note}
      testId="new-key"
    >
      <p className="text-sm">
        <Link href={`/api-keys/${issued.id}`} className="text-primary underline">
          Go to “{issued.name}” ({issued.display})
        </Link>
      </p>
    </SecretPanel>
  )
}
