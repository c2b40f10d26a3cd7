import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { shortSessionURL } from '../playwright.config';

// A valid 统一社会信用代码 made fresh for each test (GB 32100-2015 check character).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function newUscc(): string {
  let body = '9135010M';
  for (let i = 0; i < 9; i++) body += String(Math.floor(Math.random() * 10));
  const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}
const PASSWORD = '茶山 steep hill 42';

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${page.url()}\n${summary.join('\n')}`).toEqual([]);
}

/** Presses Tab until the element matching `selector` has the focus (keyboard only). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function hydrated(page: Page) {
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
}

test('a complete IIT annual filing with the keyboard only: resume after reload, receipt, correction with diff', async ({ page }) => {
  test.setTimeout(120_000);
  const id = newUscc();
  await page.goto('/register');
  await axeClean(page);
  await typeInto(page, '#taxpayer_id', id);
  await typeInto(page, '#name', '林小茶');
  await typeInto(page, '#password', PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/filing$/);
  await expect(page.getByTestId('task-list')).toContainText('个人所得税');
  await axeClean(page);

  await tabTo(page, 'a[href="/filing/iit-annual/2025/1"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('您全年的收入');
  await hydrated(page);
  await axeClean(page);
  await typeInto(page, '#field-income-wages', '200000');
  // The engine in the browser: the figure follows the typing, no request needed.
  await expect(page.getByTestId('result-headline')).toContainText('元');
  await page.keyboard.press('Enter');

  await expect(page.locator('h1')).toHaveText('专项扣除（“三险一金”）');
  await hydrated(page);
  await typeInto(page, '#field-special_deductions', '24000');
  await page.keyboard.press('Enter');

  // Halfway: reload, and everything typed so far is still there.
  await expect(page.locator('h1')).toHaveText('专项附加扣除');
  await page.reload();
  await hydrated(page);
  await page.goBack();
  await expect(page.locator('#field-special_deductions')).toHaveValue('24000');
  await page.goForward();
  await hydrated(page);
  await axeClean(page);
  await typeInto(page, '#field-additional_deductions-child_education', '24000');
  await typeInto(page, '#field-additional_deductions-housing_loan_interest', '12000');
  await typeInto(page, '#field-additional_deductions-elderly_support', '18000');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('依法确定的其他扣除');
  await hydrated(page);
  await tabTo(page, '[data-testid="continue"]');
  await page.keyboard.press('Enter');
  // No annual bonus: the method stays on "whichever costs less", nothing to compare.
  await expect(page.locator('h1')).toHaveText('全年一次性奖金');
  await hydrated(page);
  await axeClean(page);
  await expect(page.locator('input[name="bonus_method"][value="best"]')).toBeChecked();
  await tabTo(page, '[data-testid="continue"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('已缴（预缴）税额');
  await hydrated(page);
  await tabTo(page, '[data-testid="continue"]');
  await page.keyboard.press('Enter');

  // Check your answers: 200000 − 60000 − 24000 − 54000 = 62000 at 10% − 2520 = 3680.00.
  await expect(page.locator('h1')).toHaveText('提交前请核对您的填写内容');
  await expect(page.getByTestId('result')).toContainText('3,680.00');
  await axeClean(page);
  // Submitting without the declaration is refused with the error linked to the checkbox.
  await tabTo(page, '[data-testid="submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error-summary')).toContainText('请确认声明');
  await axeClean(page);
  await tabTo(page, '#declaration');
  await page.keyboard.press('Space');
  await tabTo(page, '[data-testid="submit"]');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('confirmation')).toBeVisible();
  const receipt = (await page.getByTestId('receipt-number').textContent())!.trim();
  expect(receipt).toMatch(/^BS-\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  await expect(page.getByTestId('outcome')).toContainText('3,680.00');
  await expect(page.getByTestId('outcome')).toContainText('2026-06-30');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/filing-confirmation-zh.png', fullPage: true });
  const printable = await page.request.get((await page.getByTestId('print-receipt').getAttribute('href'))!);
  expect(await printable.text()).toContain(receipt);

  // Correct it: start from the filed answers, change the wages, see the diff and the change.
  await tabTo(page, 'form[action$="/correct"] button');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('您全年的收入');
  await hydrated(page);
  await expect(page.locator('#field-income-wages')).toHaveValue('200000');
  await typeInto(page, '#field-income-wages', '150000');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5; i++) {
    await hydrated(page);
    await tabTo(page, '[data-testid="continue"]');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('diff')).toContainText('150000');
  await expect(page.getByTestId('diff')).toContainText('200000');
  await expect(page.getByTestId('tax-change')).toContainText('-3,680.00');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/filing-correction-diff-zh.png', fullPage: true });
  await tabTo(page, '#declaration');
  await page.keyboard.press('Space');
  await tabTo(page, '[data-testid="submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('confirmation')).toBeVisible();

  await page.goto('/filings');
  await expect(page.getByTestId('filings').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('filings')).toContainText('已被更正');
  await axeClean(page);
  await page.goto('/filing');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/filing-task-list-zh.png', fullPage: true });
});

test('a double click on submit files once', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
  const id = newUscc();
  await page.goto('/register');
  await page.fill('#taxpayer_id', id);
  await page.fill('#name', 'Double Click Ltd');
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await expect(page).toHaveURL(/\/filing$/);
  await page.goto('/filing/stamp-duty/2026-Q3/1');
  await hydrated(page);
  await page.fill('[name="items[0].amount"]', '1000000');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('result')).toContainText('300.00');
  await page.check('#declaration');
  await page.getByTestId('submit').dblclick();
  await expect(page.getByTestId('confirmation')).toBeVisible();
  const list = await (await page.request.get('/api/v1/filings')).json();
  expect(list.items).toHaveLength(1);
  expect(list.items[0].kind).toBe('stamp-duty');
  await page.screenshot({ path: 'test-results/screenshots/filing-confirmation-en.png', fullPage: true });
});

test('the session timeout warning appears and "stay signed in" keeps the session', async ({ page }) => {
  test.setTimeout(90_000);
  const id = newUscc();
  await page.goto(`${shortSessionURL}/register`);
  await page.fill('#taxpayer_id', id);
  await page.fill('#name', '超时测试');
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await expect(page.getByTestId('task-list')).toBeVisible();
  // Idle timeout 20 s: the warning comes 10 s before.
  const dialog = page.getByTestId('timeout-dialog');
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText('保持登录');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/session-timeout-zh.png' });
  await page.getByRole('button', { name: '保持登录' }).click();
  await expect(dialog).toBeHidden();
  // Past the original 20 s: still signed in, because staying renewed the session.
  await page.waitForTimeout(12_000);
  const me = await page.request.get(`${shortSessionURL}/api/v1/me`);
  expect(me.status()).toBe(200);
  // Doing nothing: the warning again, then the sign-in page says why.
  await expect(page).toHaveURL(/\/sign-in\?timeout=1/, { timeout: 30_000 });
  await expect(page.locator('.notification-banner')).toContainText('长时间未操作');
  const after = await page.request.get(`${shortSessionURL}/api/v1/me`);
  expect(after.status()).toBe(401);
});
