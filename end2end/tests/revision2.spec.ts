import { test, expect, Page } from '@playwright/test';
import { axeClean, axeCleanWithoutJs, signInTaxpayer } from './helpers';

// Calculations revision 2 as a taxpayer meets it: VAT by sales line (a 专票 is taxed below the
// threshold), the annual bonus compared both ways, the business-income prepayment that starts
// from the previous quarter.

async function hydrated(page: Page) {
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
}

const vatQuery = new URLSearchParams({
  'period.kind': 'quarter', 'period.year': '2026', 'period.index': '2', location: 'city',
  'lines[0].rate': '0.01', 'lines[0].invoice': 'other', 'lines[0].sales': '200000',
  'lines[1].rate': '0.03', 'lines[1].invoice': 'special', 'lines[1].sales': '50000',
}).toString();

async function expectVatSplit(page: Page) {
  // 250,000 is below the quarter's 300,000: the ordinary-invoice line is exempt, the 专票 line
  // is taxed at 3% (1,500.00); urban maintenance 7% halved (52.50), education levies exempt.
  await expect(page.getByTestId('result-headline')).toHaveText('应缴增值税及附加税费合计 1,552.50 元');
  const explanation = page.getByTestId('explanation');
  await expect(explanation).toContainText('免税销售额');
  await expect(explanation).toContainText('200,000.00');
  await expect(explanation).toContainText('增值税（征收率3%，专用发票部分）');
  await expect(explanation).toContainText('1,500.00');
  await expect(explanation).toContainText('增值税法 第十一条');
  await expect(page.getByTestId('result')).toContainText('开具增值税专用发票的销售额须照章纳税');
}

// Without JavaScript axe runs on a copy of the page as served (axeCleanWithoutJs): in a context
// with JavaScript disabled its evaluate never returns (this test timed out there on CI).
test('VAT by sales line: the 专票 line below the threshold is taxed, the rest exempt (with and without JavaScript)', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto(`/calculators/vat-small-scale?${vatQuery}`);
  await hydrated(page);
  await expectVatSplit(page);
  // Typing in the browser: the 专票 line's amount doubled → 3,000.00 of VAT.
  await page.locator('#field-lines-1--sales').fill('100000');
  await expect(page.getByTestId('explanation')).toContainText('3,000.00');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/vat-lines.png', fullPage: true });

  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const noJs = await context.newPage();
  await noJs.goto(`/calculators/vat-small-scale?${vatQuery}`);
  await expectVatSplit(noJs);
  await axeCleanWithoutJs(browser, noJs);
  // A line with both amounts: the error names the line and links to its amount.
  await noJs.goto('/calculators/vat-small-scale?period.kind=month&period.year=2026&period.index=1&location=city&lines[0].sales=1&lines[0].sales_inclusive=2');
  const summary = noJs.getByTestId('error-summary');
  await expect(summary).toContainText('请填写不含税销售额或含税销售额，二者只填一项。');
  await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#field-lines-0--sales');
  await context.close();
});

test('the annual bonus: both totals side by side, the cheaper one used', async ({ page }) => {
  test.setTimeout(90_000);
  const q = new URLSearchParams({
    tax_year: '2025', 'income.wages': '200000', special_deductions: '24000',
    'additional_deductions.child_education': '24000', 'additional_deductions.elderly_support': '18000',
    'additional_deductions.housing_loan_interest': '12000', annual_bonus: '36000',
  }).toString();
  await page.goto(`/calculators/iit-annual?${q}`);
  await hydrated(page);
  const cmp = page.getByTestId('bonus-comparison');
  await expect(cmp).toContainText('4,760.00');
  await expect(cmp).toContainText('7,280.00');
  await expect(cmp).toContainText('已选择单独计税，少缴 2,520.00 元');
  await expect(page.locator('input[name="bonus_method"][value="best"]')).toBeChecked();
  await expect(page.getByTestId('explanation')).toContainText('全年一次性奖金应纳税额');
  await expect(page.getByTestId('explanation')).toContainText('财政部 税务总局公告2023年第30号');
  // Choosing "merged" shows the merged total.
  await page.locator('input[name="bonus_method"][value="merged"]').check();
  await expect(cmp).toContainText('已选择并入综合所得');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/iit-bonus.png', fullPage: true });
});

test('a 个体工商户 files Q1 and Q2 prepayments; Q2 starts from Q1', async ({ page }) => {
  test.setTimeout(120_000);
  await signInTaxpayer(page.request);
  await page.goto('/filing');
  await expect(page.getByTestId('task-list')).toContainText('经营所得月（季）度预缴');

  await page.goto('/filing/iit-business-prepayment/2026-Q1/1');
  await hydrated(page);
  await expect(page.getByTestId('prefilled')).toHaveCount(0);
  await expect(page.locator('#field-entity')).toBeChecked();
  await page.locator('#field-revenue').fill('300000');
  await page.locator('#field-costs').fill('200000');
  await axeClean(page);
  await page.getByTestId('continue').click();
  await hydrated(page);
  await page.locator('#field-special_deductions').fill('6000');
  await page.getByTestId('continue').click();
  await hydrated(page);
  await page.getByTestId('continue').click();
  // 300,000 − 200,000 − (15,000 + 6,000) = 79,000 → 6,400 tax, halved → 3,200.00.
  await expect(page.getByTestId('result')).toContainText('3,200.00');
  await page.check('#declaration');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('confirmation')).toBeVisible();
  await expect(page.getByTestId('outcome')).toContainText('3,200.00');

  await page.goto('/filing/iit-business-prepayment/2026-Q2/1');
  await hydrated(page);
  await expect(page.getByTestId('prefilled')).toContainText('2026-Q1');
  await expect(page.getByTestId('prefilled-here')).toContainText('本年累计收入总额');
  await expect(page.locator('#field-revenue')).toHaveValue('300000');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/prepayment-prefilled.png', fullPage: true });
  await page.locator('#field-revenue').fill('650000');
  await page.locator('#field-costs').fill('420000');
  await page.getByTestId('continue').click();
  await hydrated(page);
  await page.locator('#field-special_deductions').fill('12000');
  await page.getByTestId('continue').click();
  await hydrated(page);
  await expect(page.locator('#field-prepaid_tax')).toHaveValue('3200.00');
  // Saved since, the tax already prepaid is still marked as filled in; the changed revenue is not.
  await expect(page.getByTestId('prefilled-here')).toContainText('已预缴税额');
  await page.goto('/filing/iit-business-prepayment/2026-Q2/1');
  await expect(page.getByTestId('prefilled-here')).not.toContainText('本年累计收入总额');
  await expect(page.getByTestId('prefilled-here')).toContainText('经营主体类型');
  await page.goto('/filing/iit-business-prepayment/2026-Q2/3');
  await hydrated(page);
  await page.getByTestId('continue').click();
  // 650,000 − 420,000 − 42,000 = 188,000 → 27,100, halved 13,550, less 3,200 = 10,350.00.
  await expect(page.getByTestId('result')).toContainText('10,350.00');
  await page.check('#declaration');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('outcome')).toContainText('10,350.00');
  await axeClean(page);
});

test('the VAT check page says line by line what is exempt and why', async ({ page }) => {
  test.setTimeout(90_000);
  await signInTaxpayer(page.request);
  const data = {
    period: { kind: 'quarter', year: 2026, index: 2 }, location: 'city', six_taxes_two_fees_halving: true,
    lines: [
      { rate: '0.01', invoice: 'other', sales: '200000' },
      { rate: '0.03', invoice: 'special', sales: '50000' },
    ],
  };
  const draft = await page.request.put('/api/v1/drafts/vat-small-scale/2026-Q2', { data: { data } });
  expect(draft.status()).toBe(200);
  await page.goto('/filing/vat-small-scale/2026-Q2/check');
  const table = page.getByTestId('vat-lines');
  const exempt = table.locator('tr[data-exempt="true"]');
  const taxed = table.locator('tr[data-exempt="false"]');
  await expect(exempt).toHaveCount(1);
  await expect(exempt).toContainText('200,000.00');
  await expect(exempt).toContainText('未达到起征点 300,000.00 元');
  await expect(taxed).toHaveCount(1);
  await expect(taxed).toContainText('1,500.00');
  await expect(taxed).toContainText('开具增值税专用发票的销售额即使未达到起征点也须照章纳税');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/vat-check-lines.png', fullPage: true });
});
