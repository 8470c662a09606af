import Link from 'next/link'

export const SUBMIT_STEPS = [
  'Basics',
  'Story',
  'Screenshots',
  'Details',
  'Preview and submit',
] as const

/** Where the submission stands; once the draft exists every step is a link back to it. */
export function Steps({ current, projectId }: { current: number; projectId: number | null }) {
  return (
    <nav aria-label="Submission steps">
      <ol className="flex flex-wrap gap-2 text-sm">
        {SUBMIT_STEPS.map((label, index) => {
          const step = index + 1
          const isCurrent = step === current
          const className = isCurrent
            ? 'inline-block rounded-full border border-primary bg-background px-3 py-1 font-semibold text-primary'
            : 'inline-block rounded-full border border-border px-3 py-1 text-muted-foreground'
          return (
            <li key={label} aria-current={isCurrent ? 'step' : undefined}>
              {projectId && !isCurrent ? (
                <Link
                  className={className}
                  href={`/showcase/submit?project=${projectId}&step=${step}`}
                >
                  {step}. {label}
                </Link>
              ) : (
                <span className={className}>
                  {step}. {label}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
