/**
 * The portal's sections, in the order the header shows them. The spec has eight (Dashboard, API
 * keys, Models, Community, Showcase, Docs, Status, Settings); each gets its entry here when it
 * ships, so no navigation ever leads to a page that does not exist.
 */
export type NavSection = {
  href: string
  label: string
  /** Paths under this prefix mark the section as current. */
  prefix: string
  /** Shown to signed-in members only. */
  isPrivate?: boolean
  /**
   * In the desktop bar only from 2xl (1536 px) up: eight sections, the account switcher, theme
   * and account menu do not fit 1280 px. The account menu and the drawer always list it.
   */
  isWideOnly?: boolean
}

export const NAV_SECTIONS: readonly NavSection[] = [
  { href: '/dashboard', label: 'Dashboard', prefix: '/dashboard', isPrivate: true },
  { href: '/api-keys', label: 'API keys', prefix: '/api-keys', isPrivate: true },
  { href: '/models', label: 'Models', prefix: '/models' },
  { href: '/community', label: 'Community', prefix: '/community' },
  { href: '/showcase', label: 'Showcase', prefix: '/showcase' },
  { href: '/docs', label: 'Docs', prefix: '/docs' },
  { href: '/status', label: 'Status', prefix: '/status' },
  {
    href: '/settings/profile',
    label: 'Settings',
    prefix: '/settings',
    isPrivate: true,
    isWideOnly: true,
  },
]

/** Where a signed-in member lands when nothing else is asked for. */
export const HOME_PATH = '/dashboard'

export const sectionsFor = (isSignedIn: boolean) =>
  NAV_SECTIONS.filter((section) => isSignedIn || !section.isPrivate)

/** True when `pathname` is the section's page or below it. */
export const isCurrentSection = (pathname: string, prefix: string) =>
  pathname === prefix || pathname.startsWith(`${prefix}/`)

/** The docs' interactive pages (not docs-pages content): the sidebar, the index and ⌘K list them. */
export const DOCS_TOOLS = [
  {
    href: '/docs/api-reference',
    label: 'API reference',
    summary: 'Every endpoint from the OpenAPI document, with requests you can send.',
  },
  {
    href: '/docs/playground',
    label: 'Playground',
    summary: 'Build a request, send it or dry-run your key, and copy it as code.',
  },
  {
    href: '/docs/assistant',
    label: 'Ask the docs',
    summary: 'A question in your words, answered from the docs with links to the passages.',
  },
] as const

/** Footer links: where to read more. */
export const FOOTER_LINKS = [
  { href: '/docs', label: 'Docs' },
  { href: '/docs/api-reference', label: 'API reference' },
  { href: '/docs/webhooks/verifying-webhooks', label: 'Webhooks guide' },
  { href: '/status', label: 'Service status' },
  { href: '/search', label: 'Search' },
] as const
