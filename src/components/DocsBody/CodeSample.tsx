import { Markdown } from '@/components/Markdown'
import { CODE_LANGUAGES } from '@/lib/docs/sections'

import { CodeGroup, type CodeTab } from './CodeGroup.client'

const labelOf = (language: string) =>
  CODE_LANGUAGES.find((option) => option.value === language)?.label ?? language

/** Highlighted (Prism, through the Markdown renderer) on the server; the fence outgrows the code. */
export function highlighted(language: string, code: string) {
  const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return <Markdown>{`${fence}${language}\n${code}\n${fence}`}</Markdown>
}

export function codeTabs(snippets: { language: string; code: string }[]): CodeTab[] {
  return snippets.map(({ language, code }) => ({
    language,
    label: labelOf(language),
    code,
    panel: highlighted(language, code),
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
