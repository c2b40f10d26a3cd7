import { test, expect } from '@playwright/test';
import { axeClean, signInTaxpayer } from './helpers';

// A submission the filing service refuses comes back to the check page: the error summary
// names the problem in the reader's language and links to where it can be fixed; the page stays
// accessible and works with the keyboard.
const vat = (index: number, sales: string) => ({
  period: { kind: 'quarter', year: 2026, index }, sales, levy_rate: '0.01', location: 'city', six_taxes_two_fees_halving: true,
});

for (const [locale, filed, declaration] of [
  ['zh-CN', '该所属期已申报。', '请确认声明后再提交申报。'],
  ['en', 'A return for this period has already been filed.', 'Confirm the declaration to submit the return.'],
] as const) {
  test(`check page: a second original return and a missing declaration are refused on the page (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signInTaxpayer(page.request);
    const first = await page.request.post('/api/v1/filings', {
      headers: { 'Idempotency-Key': `first-${Date.now()}` },
      data: { kind: 'vat-small-scale', period: '2026-Q1', data: vat(1, '120000'), declaration: true, supersedes: null, explanations: [] },
    });
    expect(first.status()).toBe(201);
    // A new draft for the same quarter, filed again from the check page (not as a correction).
    const draft = await page.request.put('/api/v1/drafts/vat-small-scale/2026-Q1', { data: { data: vat(1, '130000') } });
    expect(draft.status()).toBe(200);
    await page.goto('/filing/vat-small-scale/2026-Q1/check');

    // Without the declaration: the summary links to the checkbox.
    await page.getByTestId('submit').click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toContainText(declaration);
    await expect(summary.locator('a[href="#declaration"]')).toBeVisible();
    await axeClean(page);

    // With it: the period is already filed; the summary says so and links to the form.
    await page.locator('#declaration').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('submit').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/check\?errors=/);
    await expect(summary).toContainText(filed);
    await expect(summary.locator('a[href="#submit-form"]')).toBeVisible();
    await expect(page).toHaveTitle(locale === 'en' ? /^Error: / : /^错误：/);
    await axeClean(page);
    await page.screenshot({ path: `test-results/screenshots/check-refused-${locale}.png`, fullPage: true });
    await context.close();
  });
}
