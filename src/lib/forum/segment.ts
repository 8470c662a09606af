/**
 * A URL path segment decoded, or null when its percent-encoding is broken (`%E0`, a lone `%`):
 * pages answer 404 for it instead of throwing a URIError (a 500).
 */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}
