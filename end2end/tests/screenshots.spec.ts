import { test, expect } from '@playwright/test';

// Screenshots for people to look at (end2end/test-results/screenshots/), desktop and phone,
// both languages. The assertions check the page actually rendered before the picture is taken.
for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 375, 740]] as const) {
  for (const lang of ['zh-CN', 'en']) {
    test(`screenshot home ${name} ${lang}`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
      await page.setViewportSize({ width, height });
      await page.goto('/');
      await expect(page.locator('.header__menu-button')).not.toHaveAttribute('hidden', /.*/);
      await expect(page.locator('h1')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/home-${name}-${lang}.png`, fullPage: true });
    });
  }
}

for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 375, 740]] as const) {
  test(`screenshot calculator ${name}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/calculators/iit-annual?income.wages=200000&special_deductions=24000&additional_deductions.child_education=24000&additional_deductions.housing_loan_interest=12000&additional_deductions.elderly_support=18000');
    await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
    await expect(page.getByTestId('result-headline')).toHaveText('应补税额 3,680.00 元');
    await page.screenshot({ path: `test-results/screenshots/calculator-${name}-zh-CN.png`, fullPage: true });
  });
}
