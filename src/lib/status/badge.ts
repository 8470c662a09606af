import { COMPONENT_STATE_LABELS, type ComponentState, type OverallStatus } from './states'

/**
 * A status badge as a self-contained SVG (shields.io's flat look): no fonts, images or scripts
 * from anywhere, so it works from a self-hosted portal and inside READMEs. Colours keep white
 * text at 4.5:1 or better.
 */
const COLOURS: Record<ComponentState | 'unknown', string> = {
  operational: '#2e7d32',
  degraded_performance: '#b45309',
  partial_outage: '#c2410c',
  major_outage: '#b91c1c',
  under_maintenance: '#1d4ed8',
  unknown: '#555555',
}

const LABEL_COLOUR = '#555555'

/** Width of Verdana 11 px text, near enough for a badge (wide, narrow and common letters). */
function textWidth(text: string): number {
  let width = 0
  for (const char of text) {
    if ("ijlt.,:;|!'1 ".includes(char)) width += 3.6
    else if ('mwMW@%'.includes(char)) width += 10
    else if (char >= 'A' && char <= 'Z') width += 7.6
    else width += 6.6
  }
  return Math.ceil(width)
}

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export type BadgeInput = { label: string; state: ComponentState | 'unknown'; message?: string }

/**
 * The page-wide badge says what status.json's indicator says (an open incident's impact counts
 * even while every component still reads operational), coloured like the matching state.
 */
export function overallBadge(overall: OverallStatus): Omit<BadgeInput, 'label'> {
  if (overall.indicator === 'critical') return { state: 'major_outage', message: 'major outage' }
  if (overall.indicator === 'major') return { state: 'partial_outage', message: 'partial outage' }
  if (overall.indicator === 'minor') {
    return { state: 'degraded_performance', message: 'minor outage' }
  }
  return { state: overall.state }
}

export function badgeSvg({ label, state, message }: BadgeInput): string {
  const text = (
    message ?? (state === 'unknown' ? 'unknown' : COMPONENT_STATE_LABELS[state])
  ).toLowerCase()
  const left = textWidth(label) + 12
  const right = textWidth(text) + 12
  const width = left + right
  const title = escapeXml(`${label}: ${text}`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">
<title>${title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="${LABEL_COLOUR}"/><rect x="${left}" width="${right}" height="20" fill="${COLOURS[state]}"/><rect width="${width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(label)}</text><text x="${left / 2}" y="14">${escapeXml(label)}</text>
<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(text)}</text><text x="${left + right / 2}" y="14">${escapeXml(text)}</text>
</g>
</svg>`
}
