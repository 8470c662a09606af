/** The docs' sections, in the order the index and the sidebar show them. */
export const DOCS_SECTIONS = [
  {
    value: 'getting-started',
    label: 'Getting started',
    summary: 'Keys, your first request, limits and errors.',
  },
  {
    value: 'api-reference',
    label: 'API reference',
    summary: 'Tracks, recommendations and audio processing, endpoint by endpoint.',
  },
  {
    value: 'ml-models',
    label: 'ML models',
    summary: 'The models behind the API and how to train your own.',
  },
  { value: 'sdks', label: 'SDKs', summary: 'Python, JavaScript and plain cURL.' },
  { value: 'tutorials', label: 'Tutorials', summary: 'Complete projects, end to end.' },
  {
    value: 'best-practices',
    label: 'Best practices',
    summary: 'Keeping keys safe and retrying the right way.',
  },
  { value: 'webhooks', label: 'Webhooks', summary: 'Events pushed to your servers, signed.' },
] as const

export type DocsSection = (typeof DOCS_SECTIONS)[number]['value']

export const isDocsSection = (value: string): value is DocsSection =>
  DOCS_SECTIONS.some((section) => section.value === value)

export const sectionLabel = (value: string) =>
  DOCS_SECTIONS.find((section) => section.value === value)?.label ?? value

/** The cache tag of everything the public docs render; a published change revalidates it. */
export const DOCS_TAG = 'docs-pages'

export const docsPath = (page: { section: string; slug: string }) =>
  `/docs/${page.section}/${page.slug}`

/** Languages a code group may hold, in tab order; the reader's choice is remembered by value. */
export const CODE_LANGUAGES = [
  { value: 'bash', label: 'cURL' },
  { value: 'python', label: 'Python' },
  { value: 'javascript', label: 'JavaScript' },
  { value: 'typescript', label: 'TypeScript' },
  { value: 'json', label: 'JSON' },
  { value: 'http', label: 'HTTP' },
  { value: 'text', label: 'Text' },
] as const
