/** A message a server action leaves for the next page (after a redirect): read once, then gone. */
export const FLASH_COOKIE = 'tt-flash'

/** The cookie's value: readable by the page's script (it is shown, then deleted). */
export const flashValue = (message: string, tone: 'ok' | 'error' = 'ok') =>
  encodeURIComponent(JSON.stringify({ tone, message }))
