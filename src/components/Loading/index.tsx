/** What a tab shows while its data loads: the shape of panels, announced politely. */
export function PanelsLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{label}</span>
      {[0, 1].map((panel) => (
        <div
          key={panel}
          aria-hidden="true"
          className="animate-pulse space-y-3 rounded-lg border border-border p-6"
        >
          <div className="h-5 w-40 rounded bg-muted" />
          <div className="h-4 w-full rounded bg-muted" />
          <div className="h-4 w-2/3 rounded bg-muted" />
        </div>
      ))}
    </div>
  )
}
