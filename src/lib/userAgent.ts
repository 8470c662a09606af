/**
 * A browser and operating system in words, from a User-Agent header ("Chrome on macOS"), for
 * lists of sessions and the security log. Best effort and offline: the common families only;
 * anything else reads as its product token or "Unknown browser".
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)|\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)|\bCriOS\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/\bcurl\/(\d+)/, 'curl'],
  [/\bnode(?:-fetch)?\b|\bundici\b/i, 'Node.js'],
  [/\bPython-urllib|python-requests/i, 'Python'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(?:iPhone|iPod)\b/, 'iOS'],
  [/\biPad\b/, 'iPadOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

export type Device = { browser: string; system: string | null; isMobile: boolean }

export function parseUserAgent(header: string | null | undefined): Device {
  const ua = header ?? ''
  const browser =
    BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ??
    (ua ? (ua.split(/[\s/]/)[0] || 'Unknown browser').slice(0, 40) : 'Unknown browser')
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null
  return { browser, system, isMobile: /\bMobile\b|\bAndroid\b|\biPhone\b/.test(ua) }
}

/** "Chrome on macOS", "curl", "Unknown browser". */
export function describeUserAgent(header: string | null | undefined): string {
  const { browser, system } = parseUserAgent(header)
  return system ? `${browser} on ${system}` : browser
}
