import { serverUrl } from './defaults'

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A plain, accessible transactional mail with one call to action. */
export function actionEmail(options: {
  heading: string
  intro: string
  action: string
  url: string
  outro?: string
  /** A notification's way out: the unsubscribe page. */
  unsubscribeUrl?: string
}) {
  const url = escapeHtml(options.url)
  return `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(options.heading)}</h1>
<p>${escapeHtml(options.intro)}</p>
<p><a href="${url}" style="display:inline-block;background:#4338ca;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(options.action)}</a></p>
<p style="font-size:13px;color:#555">Or paste this link into your browser: ${url}</p>
${options.outro ? `<p style="font-size:13px;color:#555">${escapeHtml(options.outro)}</p>` : ''}
${options.unsubscribeUrl ? `<p style="font-size:12px;color:#555">Do not want these mails? <a href="${escapeHtml(options.unsubscribeUrl)}" style="color:#555">Unsubscribe</a> or choose what you hear of under Settings → Notifications.</p>` : ''}
<p style="font-size:13px;color:#555">— TuneTrail Community</p>
</body></html>`
}

export const portalUrl = (pathname: string, params: Record<string, string> = {}) => {
  const url = new URL(pathname, serverUrl())
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.toString()
}
