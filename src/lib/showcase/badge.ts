/**
 * The embeddable badge: a fixed 220×40 SVG with no user text in it (only a vote count), so it
 * is safe to serve to any page.
 */
export function badgeSvg({ isFeatured, votes }: { isFeatured: boolean; votes: number }): string {
  const label = isFeatured ? 'FEATURED ON' : 'SHOWCASED ON'
  const count = Math.max(0, Math.floor(votes)).toLocaleString('en')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="220" height="40" viewBox="0 0 220 40" role="img" aria-label="${isFeatured ? 'Featured' : 'Showcased'} on TuneTrail, ${count} upvotes">
  <title>${isFeatured ? 'Featured' : 'Showcased'} on TuneTrail</title>
  <rect width="220" height="40" rx="8" fill="#ffffff" stroke="#4f46e5" stroke-width="2"/>
  <circle cx="20" cy="20" r="11" fill="#4f46e5"/>
  <path d="M15 24v-8l10 4z" fill="#ffffff"/>
  <text x="38" y="16" font-family="Helvetica,Arial,sans-serif" font-size="8" font-weight="700" fill="#4f46e5" letter-spacing="0.6">${label}</text>
  <text x="38" y="31" font-family="Helvetica,Arial,sans-serif" font-size="14" font-weight="700" fill="#111827">TuneTrail</text>
  <text x="178" y="17" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="10" fill="#4f46e5">▲</text>
  <text x="178" y="31" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="12" font-weight="700" fill="#111827">${count}</text>
</svg>`
}
