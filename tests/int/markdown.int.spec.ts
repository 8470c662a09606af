import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { visit } from 'unist-util-visit'
import { afterEach, describe, expect, it } from 'vitest'

import { Callout } from '@/components/DocsBody'
import { Markdown } from '@/components/Markdown'
import { countLinks, linkMentions, mentionsIn } from '@/lib/forum/text'

import { XSS_VECTORS } from '../helpers/xssCorpus'

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, null, source))

describe('user Markdown', () => {
  const serverUrl = process.env.SERVER_URL
  afterEach(() => {
    if (serverUrl === undefined) delete process.env.SERVER_URL
    else process.env.SERVER_URL = serverUrl
  })

  it('renders GFM tables inside a horizontal scroller, task lists and strikethrough', () => {
    const html = render(
      [
        '| Model | BPM |',
        '| :---- | --: |',
        '| tt-1  | 120 |',
        '',
        '- [x] shipped',
        '- [ ] next',
        '',
        '~~old~~ https://example.com',
      ].join('\n'),
    )
    expect(html).toMatch(/<div class="[^"]*overflow-x-auto[^"]*"><table[^>]*>/)
    expect(html).toContain('<th style="text-align:left">Model</th>')
    expect(html).toContain('<td style="text-align:right">120</td>')
    expect(html).toContain('class="contains-task-list"')
    const boxes = html.match(/<input [^>]*>/g) ?? []
    expect(boxes).toHaveLength(2)
    for (const box of boxes) expect(box).toMatch(/^<input type="checkbox" disabled=""/)
    expect(boxes[0]).toMatch(/aria-label="Done".* checked=""/)
    expect(boxes[1]).toContain('aria-label="To do"')
    expect(boxes[1]).not.toContain('checked')
    expect(html).toContain('<del>old</del>')
    expect(html).toMatch(/<a href="https:\/\/example.com"[^>]*>https:\/\/example.com<\/a>/)
  })

  it('drops raw HTML rather than rendering or showing it', () => {
    const html = render(
      [
        '<script>alert(1)</script>',
        '',
        'Hi <img src=x onerror=alert(1)> there <b onclick="x()">bold</b>',
        '',
        '<iframe src="https://evil.example"></iframe>',
      ].join('\n'),
    )
    expect(html).not.toMatch(/<script|<img|<iframe|<b[ >]/i)
    expect(html).not.toMatch(/onerror|onclick|alert/i)
    expect(html).toContain('<p>Hi  there bold</p>')
  })

  it('never renders a javascript:, data: or vbscript: URL', () => {
    const html = render(
      [
        '[x](javascript:alert(1))',
        '[y](JaVaScRiPt&#x3a;alert(1))',
        '[z](data:text/html;base64,PHNjcmlwdD4=)',
        '[w](vbscript:msgbox(1))',
        '<javascript:alert(1)>',
        '![i](javascript:alert(1))',
      ].join('\n\n'),
    )
    // The links stay as text (the autolink's text is its address), but nothing is clickable.
    expect(html).not.toMatch(/href=|src=|<img/)
    expect(html).toContain('<a rel="nofollow ugc noopener" class="text-primary')
    expect(html).toContain('<p>i</p>')
  })

  it('marks every link nofollow ugc noopener and opens only other hosts in a new tab', () => {
    process.env.SERVER_URL = 'https://community.example.com'
    const html = render(
      [
        '[ext](https://other.example/a) [proto](//other.example/b)',
        '[same](https://community.example.com/docs) [rel](/models) [mail](mailto:a@example.com)',
      ].join('\n'),
    )
    const links = html.match(/<a [^>]*>/g) ?? []
    expect(links).toHaveLength(5)
    for (const link of links) expect(link).toContain('rel="nofollow ugc noopener"')
    const blank = links.filter((link) => link.includes('target="_blank"'))
    expect(blank).toEqual([
      expect.stringContaining('href="https://other.example/a"'),
      expect.stringContaining('href="//other.example/b"'),
    ])
  })

  it('highlights fenced code with Prism tokens and keeps unknown languages as plain code', () => {
    const html = render('```ts\nconst bpm: number = 120\n```\n\n```nolang\nplain\n```')
    expect(html).toMatch(/<pre class="[^"]*overflow-x-auto[^"]*language-ts/)
    expect(html).toMatch(/<span class="token keyword">const<\/span>/)
    expect(html).toMatch(/<span class="token number">120<\/span>/)
    expect(html).toContain('plain')
  })

  it('demotes headings so user content has no h1, with user-content- ids', () => {
    const html = render('# Title\n\n## Setup\n\n## Setup\n\n###### Deep\n\nSee [setup](#setup).')
    expect(html).not.toContain('<h1')
    expect(html).toContain('<h2 id="user-content-title">Title</h2>')
    expect(html).toContain('<h3 id="user-content-setup">Setup</h3>')
    expect(html).toContain('<h3 id="user-content-setup-1">Setup</h3>')
    expect(html).toContain('<h6 id="user-content-deep">Deep</h6>')
    expect(html).toContain('href="#user-content-setup"')
  })

  it('links footnotes to their prefixed ids', () => {
    const html = render('Tempo[^1]\n\n[^1]: Beats per minute.')
    expect(html).toContain('href="#user-content-fn-1"')
    expect(html).toContain('id="user-content-fn-1"')
    expect(html).toContain('id="user-content-fnref-1"')
    expect(html).toContain('href="#user-content-fnref-1"')
    expect(html).toContain('aria-describedby="user-content-footnote-label"')
    expect(html).toContain('id="user-content-footnote-label"')
  })

  it('renders images lazily with an alt and no author-chosen size', () => {
    const html = render(
      '![cover](https://cdn.example/c.png "Cover") ![](https://cdn.example/d.png)',
    )
    expect(html).toContain(
      '<img src="https://cdn.example/c.png" alt="cover" title="Cover" loading="lazy"',
    )
    expect(html).toMatch(/<img src="https:\/\/cdn.example\/d.png" alt="" loading="lazy"/)
    expect(html).not.toMatch(/width=|height=/)
  })
})

describe('user Markdown in the forum', () => {
  it('gives every code block a copy button', () => {
    const html = render('```py\nprint(1)\n```\n\n```\nplain\n```')
    expect(
      html.match(/<button type="button"[^>]*>Copy<span class="sr-only"> code<\/span><\/button>/g),
    ).toHaveLength(2)
  })

  it('keeps only http(s) and mailto links (irc, xmpp, file, ftp dropped) and http(s) images', () => {
    const html = render(
      '[a](irc://x.example/c) [b](xmpp:me@x.example) [c](file:///etc/passwd) [d](ftp://x.example) [e](mailto:me@x.example) [f](/rel) ![g](mailto:me@x.example)',
    )
    expect(html.match(/href="[^"]*"/g)).toEqual(['href="mailto:me@x.example"', 'href="/rel"'])
    expect(html).not.toContain('<img')
  })

  it(`renders ${XSS_VECTORS.length} XSS vectors without script, handler or script URL`, () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100)
    const FORBIDDEN = /^(script|iframe|object|embed|svg|math|style|form|base|meta|link|frame)$/
    const SCRIPT_URL = /^\s*(javascript|data|vbscript|file|irc):/i
    for (const vector of XSS_VECTORS) {
      const tree = fromHtml(render(vector), { fragment: true })
      visit(tree, 'element', (node: Element) => {
        expect(node.tagName, vector).not.toMatch(FORBIDDEN)
        for (const [name, value] of Object.entries(node.properties)) {
          expect(name, vector).not.toMatch(/^on/i)
          if (/^(href|src|action|formAction|xLinkHref)$/.test(name)) {
            expect(String(value), vector).not.toMatch(SCRIPT_URL)
          }
        }
      })
    }
  })

  it('reads mentions outside code and links only members who exist', () => {
    const body = 'Thanks @maya and @leo-b! `@decorator` and\n```\n@skip\n```\nmail a@b.example'
    expect(mentionsIn(body)).toEqual(['maya', 'leo-b'])
    const linked = linkMentions(body, new Set(['maya']))
    expect(linked).toContain('[@maya](/u/maya)')
    expect(linked).toContain('@leo-b!')
    expect(linked).toContain('`@decorator`')
    expect(
      countLinks('see https://a.example and [b](https://b.example) ![i](https://c.example/i.png)'),
    ).toEqual({ links: 2, images: 1, mentions: 0 })
  })
})

describe('docs callouts', () => {
  it('render their text as Markdown: a link is a link, not brackets', () => {
    const html = renderToStaticMarkup(
      createElement(Callout, {
        blockType: 'callout',
        kind: 'tip',
        title: 'Keep keys out of code',
        text: 'Read [Keeping API keys safe](/docs/best-practices/api-keys) first.',
      } as never),
    )
    expect(html).toContain('<a href="/docs/best-practices/api-keys"')
    expect(html).not.toContain('](/docs')
  })
})
