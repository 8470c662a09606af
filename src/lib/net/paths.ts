/**
 * A request path as the router will finally see it, for decisions made in front of it: decoded
 * until it stops changing (so `%2570` and `%70` both become `p`), backslashes as slashes, runs
 * of slashes as one, `.` and `..` segments resolved, lower case. Null when it does not decode.
 */
export function normalisePath(pathname: string): string | null {
  let path = pathname
  for (let i = 0; i < 4; i++) {
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      // Malformed as sent: refuse. Malformed only after decoding: a literal `%`, keep it.
      if (i === 0) return null
      break
    }
    if (decoded === path) break
    path = decoded
  }
  const segments: string[] = []
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  return `/${segments.join('/')}`.toLowerCase()
}
