import { test, expect } from '@playwright/test';
import { axeClean } from './helpers';

test('self-check: typed figures are checked as they are typed, against the industry band, with a chart and its table', async ({ page }) => {
  await page.goto('/self-check');
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('#industry').focus();
  await page.keyboard.type('C34');
  await page.locator('#current-revenue').focus();
  await page.keyboard.type('10000000');
  await page.locator('#current-vat_payable').focus();
  await page.keyboard.type('180000');
  // RISK-1 of the reference: 1.80% against the indicative 3.70% for C34 → high.
  const burden = page.locator('[data-code="vat_burden"]');
  await expect(burden).toHaveAttribute('data-status', 'high');
  await expect(burden.locator('.indicator__value')).toHaveText('1.80%');
  await expect(burden.locator('svg title')).toContainText('1.80%');
  await expect(burden.locator('table')).toContainText('3.70%');
  await expect(burden).toContainText('180000.00');
  // A base period adds the change indicators (RISK-2: −35.71%).
  await page.locator('#base-revenue').focus();
  await page.keyboard.type('10000000');
  await page.locator('#base-vat_payable').focus();
  await page.keyboard.type('280000');
  await expect(page.locator('[data-code="vat_burden_change"] .indicator__value')).toHaveText('-35.71%');
  await expect(page.locator('[data-code="vat_burden_change"]')).toHaveAttribute('data-status', 'attention');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/selfcheck-zh.png', fullPage: true });
  // A bad figure is named in the error summary, linked to its field.
  await page.locator('#current-revenue').fill('-5');
  await expect(page.getByTestId('error-summary').locator('a[href="#current-revenue"]')).toBeVisible();
});

test('self-check without JavaScript: the form is sent and the server renders the same results', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en' });
  const page = await context.newPage();
  await page.goto('/self-check?industry=F52&current.revenue=1000000&current.vat_payable=25000&current.invoiced_sales=1100000');
  await expect(page.locator('[data-code="vat_burden"]')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('[data-code="invoiced_vs_declared"]')).toHaveAttribute('data-status', 'attention');
  await context.close();
});
