import { cn } from '@/lib/cn'
import type { SnippetPart } from '@/lib/docs/snippet'

/**
 * A search result's snippet with the matched words marked. The parts are text, rendered as
 * React text (escaped); only the matches become `<mark>`. Works on the server and the client.
 */
export function SearchSnippet({ parts, className }: { parts: SnippetPart[]; className?: string }) {
  if (parts.length === 0) return null
  return (
    <span className={cn('line-clamp-2 text-xs text-muted-foreground', className)}>
      {parts.map((part, index) =>
        part.isMatch ? (
          <mark key={index} className="rounded-sm bg-warning-soft px-0.5 text-foreground">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  )
}
