import type { BuiltRequest } from './request'

/**
 * A request as code to copy: cURL, Python (requests) and JavaScript (fetch). The page prints
 * them with the key masked and copies them with the key itself.
 */
export type SnippetLanguage = 'curl' | 'python' | 'javascript'

export const SNIPPET_LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: 'curl', label: 'cURL' },
  { value: 'python', label: 'Python' },
  { value: 'javascript', label: 'JavaScript' },
]

/** A POSIX shell word in single quotes (a quote inside becomes '\''). */
export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

export function toCurl(request: BuiltRequest): string {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`]
  for (const [name, value] of request.headers) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`)
  if (request.json !== undefined) lines.push(`  --data ${shellQuote(JSON.stringify(request.json))}`)
  return lines.join(' \\\n')
}

/** A JSON value as a Python literal (True/False/None; JSON strings are valid Python strings). */
export function pythonLiteral(value: unknown, indent = 0): string {
  const pad = '    '.repeat(indent + 1)
  const end = '    '.repeat(indent)
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None'
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((item) => `${pad}${pythonLiteral(item, indent + 1)},`).join('\n')}\n${end}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  return `{\n${entries
    .map(([key, item]) => `${pad}${JSON.stringify(key)}: ${pythonLiteral(item, indent + 1)},`)
    .join('\n')}\n${end}}`
}

export function toPython(request: BuiltRequest): string {
  const headers = Object.fromEntries(request.headers.filter(([name]) => name !== 'Content-Type'))
  const args = [
    `    ${JSON.stringify(request.url)},`,
    `    headers=${pythonLiteral(headers, 1)},`,
    ...(request.json !== undefined ? [`    json=${pythonLiteral(request.json, 1)},`] : []),
  ]
  return [
    'import requests',
    '',
    `response = requests.request(`,
    `    ${JSON.stringify(request.method)},`,
    ...args,
    ')',
    'print(response.status_code)',
    'print(response.headers.get("RateLimit"))',
    'print(response.json())',
  ].join('\n')
}

const jsKey = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key))

export function toJavaScript(request: BuiltRequest): string {
  const headers = request.headers.map(
    ([name, value]) => `    ${jsKey(name)}: ${JSON.stringify(value)},`,
  )
  const body =
    request.json !== undefined
      ? [`  body: JSON.stringify(${JSON.stringify(request.json, null, 2).replace(/\n/g, '\n  ')}),`]
      : []
  return [
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    '  headers: {',
    ...headers,
    '  },',
    ...body,
    '})',
    'console.log(response.status, response.headers.get("RateLimit"))',
    'console.log(await response.json())',
  ].join('\n')
}

export function snippet(language: SnippetLanguage, request: BuiltRequest): string {
  switch (language) {
    case 'curl':
      return toCurl(request)
    case 'python':
      return toPython(request)
    case 'javascript':
      return toJavaScript(request)
  }
}
