import { serverUrl } from '@/lib/defaults'
import { shellQuote } from '@/lib/docs/playground/snippets'

/** How to fetch the latest weights with a key: cURL, Python and JavaScript. */
export function Snippets({ fileId, filename }: { fileId: number; filename: string }) {
  const url = `${serverUrl()}/api/model-files/${fileId}/download`
  // The filename is the uploader's: one shell word, and a string literal in code.
  const shell = shellQuote(filename)
  const literal = JSON.stringify(filename)
  const snippets = [
    {
      label: 'cURL',
      code: `curl -L -H "Authorization: Bearer $TUNETRAIL_KEY" \\\n  -o ${shell} ${url}`,
    },
    {
      label: 'Python',
      code: `import os, requests\n\nr = requests.get(\n    "${url}",\n    headers={"Authorization": f"Bearer {os.environ['TUNETRAIL_KEY']}"},\n)\nr.raise_for_status()\nopen(${literal}, "wb").write(r.content)`,
    },
    {
      label: 'JavaScript',
      code: `const res = await fetch("${url}", {\n  headers: { Authorization: \`Bearer \${process.env.TUNETRAIL_KEY}\` },\n})\nif (!res.ok) throw new Error(res.statusText)\nawait fs.promises.writeFile(${literal}, Buffer.from(await res.arrayBuffer()))`,
    },
  ]
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        With an API key holding <code>models:read</code>; the download redirects to a signed URL
        that lives 5 minutes.
      </p>
      {snippets.map((snippet) => (
        <details key={snippet.label} className="rounded-md border border-border">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
            {snippet.label}
          </summary>
          <pre className="overflow-x-auto border-t border-border bg-muted p-3 text-xs">
            <code>{snippet.code}</code>
          </pre>
        </details>
      ))}
    </div>
  )
}
