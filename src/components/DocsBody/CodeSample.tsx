import { highlightToHtml } from '@/lib/docs/highlight'
import { CODE_LANGUAGES } from '@/lib/docs/sections'

import { CodeGroup, type CodeTab } from './CodeGroup.client'

const labelOf = (language: string) =>
  CODE_LANGUAGES.find((option) => option.value === language)?.label ?? language

export function codeTabs(snippets: { language: string; code: string }[]): CodeTab[] {
  return snippets.map(({ language, code }) => ({
    language,
    label: labelOf(language),
    code,
    html: highlightToHtml(code, language),
  }))
}

/** One snippet with a copy button. */
export function CodeSample({
  title,
  language,
  children,
}: {
  title: string
  language: string
  children: string
}) {
  return <CodeGroup title={title} tabs={codeTabs([{ language, code: children }])} />
}
