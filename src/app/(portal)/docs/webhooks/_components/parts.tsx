import type { ReactNode } from 'react'

import type { Column } from '@/components/DataTable'

/** The guide's sections, in order, for its table of contents. */
export const SECTIONS = [
  { id: 'delivery', label: 'What a delivery looks like' },
  { id: 'algorithm', label: 'The signature, step by step' },
  { id: 'node', label: 'Node.js (node:crypto)' },
  { id: 'standardwebhooks', label: 'Node.js (standardwebhooks)' },
  { id: 'python', label: 'Python' },
  { id: 'duplicates', label: 'Deduplicate on webhook-id' },
  { id: 'retries', label: 'Responses and retries' },
  { id: 'rotation', label: 'Secret rotation' },
  { id: 'addresses', label: 'Addresses to allowlist' },
  { id: 'events', label: 'Event types' },
]

/** "5 seconds", "30 minutes", "2 hours". */
export function duration(seconds: number): string {
  const [value, unit] =
    seconds >= 3600
      ? [seconds / 3600, 'hour']
      : seconds >= 60
        ? [seconds / 60, 'minute']
        : [seconds, 'second']
  return `${value} ${unit}${value === 1 ? '' : 's'}`
}

/** A code sample: a focusable, labelled region, since long lines scroll sideways. */
export function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className="max-h-[32rem] overflow-auto rounded-md border border-border bg-muted p-4 font-mono text-xs leading-relaxed"
    >
      <code>{children}</code>
    </pre>
  )
}

export function Section({
  id,
  title,
  children,
}: {
  id: string
  title: string
  children: ReactNode
}) {
  return (
    <section aria-labelledby={id} className="scroll-mt-6 space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

export const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-muted px-1 font-mono text-[0.9em] break-words">{children}</code>
)

export const RETRY_COLUMNS: Column<{ seconds: number; attempt: number }>[] = [
  { key: 'attempt', header: 'Attempt', isRowHeader: true, cell: (row) => row.attempt },
  {
    key: 'when',
    header: 'When',
    cell: (row) =>
      row.attempt === 1
        ? 'Immediately'
        : `${duration(row.seconds)} after attempt ${row.attempt - 1} failed`,
  },
]
