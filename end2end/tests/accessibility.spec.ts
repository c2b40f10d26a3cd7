import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { routes } from './routes';

for (const lang of ['zh-CN', 'en']) {
  for (const route of routes) {
    test(`axe: ${route} in ${lang} has no violations`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
      await page.goto(route);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('.header__menu-button')).not.toHaveAttribute('hidden', /.*/);
      if (route.startsWith('/calculators/')) {
        await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
      }
      await expect(page).toHaveTitle(/Banshui/);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, summary.join('\n')).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(10);
    });
  }
}
