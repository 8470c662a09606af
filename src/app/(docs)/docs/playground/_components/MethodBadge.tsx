import { cn } from '@/lib/cn'

const TONES: Record<string, string> = {
  get: 'text-success border-success',
  post: 'text-primary border-primary',
  delete: 'text-danger border-danger',
  patch: 'text-foreground border-foreground',
  put: 'text-foreground border-foreground',
}

/** An HTTP method as a small label (colour is a hint only; the text says it). */
export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={cn(
        'inline-block w-14 shrink-0 rounded border px-1 text-center font-mono text-xs font-semibold uppercase',
        TONES[method] ?? 'border-border text-muted-foreground',
      )}
    >
      {method === 'delete' ? 'del' : method}
    </span>
  )
}
