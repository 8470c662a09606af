import { expect, test } from '@playwright/test'

import { DEMO, expectAccessible, logIn } from './helpers'

const PUBLIC_PAGES = [
  '/',
  '/login',
  '/signup',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/invitations/accept',
  '/logout',
  '/docs/api-reference',
  '/docs/playground',
]

for (const path of PUBLIC_PAGES) {
  test(`${path} has no serious accessibility violations in every theme and fits 360 px`, async ({
    page,
    context,
  }) => {
    for (const theme of ['light', 'dark', 'contrast']) {
      await context.addCookies([{ name: 'tt-theme', value: theme, domain: 'localhost', path: '/' }])
      await page.setViewportSize({ width: 360, height: 740 })
      await page.goto(path)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      // Scalar adds the document's own title as a second h1 once it has loaded.
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
      await expectAccessible(page)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow).toBeLessThanOrEqual(0)
    }
  })
}

test('the skip link and the account menu work from the keyboard', async ({ page }) => {
  await logIn(page, DEMO.leo)
  await page.goto('/settings/organization')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('#main')).toBeFocused()
  await expectAccessible(page)

  await page.getByRole('button', { name: /account menu/ }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menuitem', { name: 'Profile' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menuitem', { name: 'Profile' })).toHaveCount(0)
})
