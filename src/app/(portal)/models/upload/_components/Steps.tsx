const STEPS = ['Describe the model', 'Upload files', 'Preview and publish'] as const

/** Where the upload stands: three steps, the current one marked for screen readers too. */
export function Steps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <nav aria-label="Upload steps">
      <ol className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((label, index) => {
          const step = index + 1
          return (
            <li
              key={label}
              aria-current={step === current ? 'step' : undefined}
              className={
                step === current
                  ? 'rounded-full border border-primary bg-background px-3 py-1 font-semibold text-primary'
                  : 'rounded-full border border-border px-3 py-1 text-muted-foreground'
              }
            >
              {step}. {label}
              {step < current && <span className="sr-only"> (done)</span>}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
