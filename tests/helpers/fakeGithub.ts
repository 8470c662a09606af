import http from 'node:http'

export type FakeRepo = {
  description: string
  stargazers_count: number
  language: string
  topics: string[]
  license: { spdx_id: string; name: string } | null
  pushed_at: string
}

/**
 * A local stand-in for GitHub's REST API (GET /repos/:owner/:name): answers with ETags and
 * 304s as GitHub does, counts the requests it saw, and can be told to spend its rate limit.
 */
export async function startFakeGithub(
  port: number,
  fallback?: (name: string) => FakeRepo | undefined,
) {
  const repos = new Map<string, FakeRepo>()
  const seen: { path: string; ifNoneMatch: string | null; auth: string | null }[] = []
  let limitedUntil = 0
  const server = http.createServer((req, res) => {
    const path = req.url ?? ''
    seen.push({
      path,
      ifNoneMatch: (req.headers['if-none-match'] as string) ?? null,
      auth: (req.headers.authorization as string) ?? null,
    })
    if (limitedUntil > Date.now()) {
      res.writeHead(403, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(limitedUntil / 1000)),
        'content-type': 'application/json',
      })
      res.end('{"message":"API rate limit exceeded"}')
      return
    }
    const match = /^\/repos\/([^/]+\/[^/?]+)$/.exec(path)
    const repo = match ? (repos.get(match[1]) ?? fallback?.(match[1])) : undefined
    if (!repo) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"message":"Not Found"}')
      return
    }
    const etag = `"${Buffer.from(JSON.stringify(repo)).toString('base64url').slice(0, 24)}"`
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'x-ratelimit-remaining': '59' })
      res.end()
      return
    }
    res.writeHead(200, { etag, 'content-type': 'application/json', 'x-ratelimit-remaining': '58' })
    res.end(JSON.stringify({ full_name: match![1], ...repo }))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    repos,
    seen,
    limitFor: (ms: number) => {
      limitedUntil = Date.now() + ms
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
