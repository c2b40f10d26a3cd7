import { test, expect } from '@playwright/test';
import { axeClean, axeCleanWithoutJs, signInStaff, signInTaxpayer } from './helpers';

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

const GOOD_CSV = [
  'figure,description,current,base',
  'industry,行业代码,F52,',
  'revenue,营业收入,"1,000,000.00",800000',
  'vat_payable,应纳增值税,25000,24000',
  'cost_of_sales,营业成本,700000,',
].join('\r\n');

test('self-check: a CSV file fills the figures; a broken one names row and column and keeps what was typed', async ({ page }) => {
  await page.goto('/self-check');
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
  // The template downloads and is itself a valid import.
  const template = await page.request.get('/self-check/template.csv');
  expect(template.headers()['content-type']).toContain('text/csv');
  expect(await template.text()).toContain('revenue,营业收入 Revenue,10000000.00,9000000.00');

  await page.locator('#current-operating_expenses').fill('90000');
  await page.locator('#csv').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('figure,current\nrevenue,12O000\nprofit,5\n') });
  await page.getByTestId('csv-import').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('第 2 行“current”列（“12O000”）：不是数字');
  await expect(summary).toContainText('第 3 行“figure”列');
  await expect(summary.locator('a[href="#csv"]').first()).toBeVisible();
  await expect(page.locator('#current-operating_expenses')).toHaveValue('90000');
  await axeClean(page);

  await page.locator('#csv').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
  await page.getByTestId('csv-import').click();
  await expect(page.getByTestId('imported-banner')).toBeVisible();
  await expect(page.locator('#industry')).toHaveValue('F52');
  await expect(page.locator('#current-revenue')).toHaveValue('1,000,000.00');
  await expect(page.locator('#base-vat_payable')).toHaveValue('24000');
  await expect(page.locator('#current-operating_expenses')).toHaveValue('90000');
  // 25,000 ÷ 1,000,000 = 2.50%; margin 30.00%; expenses 9.00%.
  await expect(page.locator('[data-code="vat_burden"] .indicator__value')).toHaveText('2.50%');
  await expect(page.locator('[data-code="gross_margin"] .indicator__value')).toHaveText('30.00%');
  await expect(page.locator('[data-code="expense_ratio"] .indicator__value')).toHaveText('9.00%');
  // Left blank, not zero: no invoiced-sales indicator, and the page says what it is waiting for.
  await expect(page.locator('[data-code="invoiced_vs_declared"]')).toHaveCount(0);
  await expect(page.getByTestId('indicators-waiting')).toContainText('发票开具额');
});

test('self-check: a signed-in taxpayer saves a self-check, sees it listed and opens it again; the report prints', async ({ page }) => {
  await signInTaxpayer(page.request);
  await page.goto('/self-check?industry=C34&current.revenue=10000000&current.vat_payable=180000&current.cost_of_sales=8000000&base.revenue=10000000&base.vat_payable=280000');
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('#label').fill('三季度申报前');
  await page.getByTestId('selfcheck-save').click();
  await expect(page.getByTestId('saved-banner')).toBeVisible();
  const saved = page.getByTestId('saved-self-checks');
  await expect(saved).toContainText('三季度申报前');
  await expect(saved).toContainText('C34');
  await axeClean(page);
  // The list also comes through the API, scoped to this taxpayer.
  const list = await (await page.request.get('/api/v1/self-checks')).json();
  expect(list.items[0].label).toBe('三季度申报前');
  expect(list.items[0].flagged).toBeGreaterThanOrEqual(2);
  await page.goto('/self-check');
  await page.getByRole('link', { name: '打开“三季度申报前”' }).click();
  await expect(page.locator('#current-vat_payable')).toHaveValue('180000');
  await expect(page.locator('[data-code="vat_burden"]')).toHaveAttribute('data-status', 'high');
  // The printed report: figures listed, the form hidden, the charts kept.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-only')).toBeVisible();
  await expect(page.locator('.selfcheck__form')).toBeHidden();
  await expect(page.locator('[data-code="vat_burden"] svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/selfcheck-print.png', fullPage: true });
});

test('self-check in English with charts (screenshot)', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto('/self-check?industry=C34&current.revenue=10000000&current.vat_payable=180000&current.cost_of_sales=8000000&current.cit_payable=50000&current.total_profit=1000000');
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('[data-code="vat_burden"] svg title')).toContainText('1.80%');
  await expect(page.getByRole('link', { name: 'Sign in to save self-checks and see earlier ones' })).toBeVisible();
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/selfcheck-en.png', fullPage: true });
  await context.close();
});

test('filing: the VAT check page shows the indicators against the previous quarter; an explanation goes onto the receipt', async ({ page }) => {
  await signInTaxpayer(page.request);
  const vat = (index: number, sales: string, levy_rate: string) => ({
    period: { kind: 'quarter', year: 2026, index }, sales, levy_rate, location: 'city', six_taxes_two_fees_halving: true,
  });
  const filed = await page.request.post('/api/v1/filings', {
    headers: { 'Idempotency-Key': `q1-${Date.now()}` },
    data: { kind: 'vat-small-scale', period: '2026-Q1', data: vat(1, '500000', '0.01'), declaration: true, supersedes: null, explanations: [] },
  });
  expect(filed.status()).toBe(201);
  const draft = await page.request.put('/api/v1/drafts/vat-small-scale/2026-Q2', { data: { data: vat(2, '400000', '0.03') } });
  expect(draft.status()).toBe(200);
  await page.goto('/filing/vat-small-scale/2026-Q2/check');
  const box = page.getByTestId('return-indicators');
  await expect(box).toContainText('基期为您已申报的 2026-Q1');
  await expect(box.locator('[data-code="vat_burden_change"]')).toHaveAttribute('data-status', 'attention');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/filing-indicators.png', fullPage: true });
  await page.getByLabel('“税负变动率”的合理性说明（选填）').fill('二季度改按3%征收率开具专票');
  await page.locator('#declaration').check();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('explanations')).toContainText('二季度改按3%征收率开具专票');
  const receiptLink = page.getByTestId('print-receipt');
  const href = await receiptLink.getAttribute('href');
  const receipt = await page.request.get(href ?? '');
  expect(await receipt.text()).toContain('二季度改按3%征收率开具专票');
});

test('staff: a publisher adds a benchmark in the console and the self-check uses it; an editor only reads', async ({ browser }) => {
  const admin = await browser.newContext({ locale: 'en' });
  const page = await admin.newPage();
  await signInStaff(page.request, 'e2e.admin');
  await page.goto('/staff/benchmarks');
  await expect(page.getByTestId('benchmarks')).toContainText('C34');
  const code = `K${Math.floor(Math.random() * 9000) + 1000}`;
  await page.locator('#industry').fill(code);
  await page.locator('#industry_name_zh').fill('测试行业');
  await page.locator('#industry_name_en').fill('Test industry');
  await page.locator('#indicator').selectOption('gross_margin');
  await page.locator('#average').fill('abc');
  await page.locator('#source').fill('端到端测试');
  await page.locator('#effective_from').fill('2026-01-01');
  await page.getByTestId('benchmark-save').click();
  // Refused: the error names the field and what was typed is still there.
  await expect(page.getByTestId('error-summary').locator('a[href="#average"]')).toBeVisible();
  await expect(page.locator('#industry_name_zh')).toHaveValue('测试行业');
  await axeClean(page);
  await page.locator('#average').fill('0.2500');
  await page.locator('#tolerance').fill('0.20');
  await page.getByTestId('benchmark-save').click();
  await expect(page.getByTestId('benchmarks')).toContainText(code);
  await page.screenshot({ path: 'test-results/screenshots/staff-benchmarks.png', fullPage: true });
  // The self-check now compares a 50% margin with it: far above 25% ± 20%.
  const check = await page.request.post('/api/v1/self-check', {
    data: { industry: code, current: { revenue: '1000', cost_of_sales: '500' } },
  });
  const margin = (await check.json()).indicators.find((i: { code: string }) => i.code === 'gross_margin');
  expect(margin.benchmark.average).toBe('0.2500');
  expect(margin.status).toBe('high');
  await admin.close();

  const editorContext = await browser.newContext({ locale: 'en' });
  const editor = await editorContext.newPage();
  await signInStaff(editor.request, 'e2e.editor');
  await editor.goto('/staff/benchmarks');
  await expect(editor.getByTestId('benchmarks')).toContainText(code);
  await expect(editor.getByTestId('benchmark-form')).toHaveCount(0);
  await expect(editor.getByText('Only publishers can add or change benchmarks.')).toBeVisible();
  await axeClean(editor);
  await editorContext.close();
});

test('self-check: a small-scale taxpayer is not measured against general taxpayers; the cliff is on taxable income; one inventory end waits', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto('/self-check?industry=C34&current.revenue=10000000&current.vat_payable=180000&current.total_profit=3200000&current.cost_of_sales=800000&current.inventory_close=250000&base.revenue=10000000&base.vat_payable=180000&base.input_vat=100000&base.output_vat=100000&current.input_vat=121000&current.output_vat=110000');
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
  // Not said: a general taxpayer, against the indicative table; input +21% vs output +10%.
  await expect(page.locator('[data-code="vat_burden"]')).toHaveAttribute('data-status', 'high');
  await expect(page.locator('[data-code="input_output_vat_change"]')).toHaveAttribute('data-status', 'attention');
  await expect(page.locator('[data-code="small_low_profit_cliff"]')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('[data-code="small_low_profit_cliff"]')).toContainText('total profit 3200000.00 stands in');
  // One end of the inventory: waiting, not computed with 0.
  await expect(page.locator('[data-code="inventory_turnover"]')).toHaveCount(0);
  // Small-scale: no comparison with the general taxpayers' table, no input-VAT indicator.
  await page.getByLabel('Small-scale taxpayer (小规模纳税人)').check();
  await expect(page.locator('[data-code="vat_burden"]')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('[data-code="vat_burden"]')).toContainText('No benchmark of this industry applies to your type of taxpayer');
  await expect(page.locator('[data-code="input_output_vat_change"]')).toHaveCount(0);
  // Taxable income just under the limit.
  await page.locator('#current-taxable_income').fill('2950000');
  await expect(page.locator('[data-code="small_low_profit_cliff"]')).toHaveAttribute('data-status', 'attention');
  await expect(page.locator('[data-code="small_low_profit_cliff"]')).toContainText('taxable income 2950000.00');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/selfcheck-small-scale.png', fullPage: true });
  // The same without JavaScript, the type sent with the form.
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const noJs = await plain.newPage();
  await noJs.goto('/self-check?industry=C34&taxpayer_type=small_scale&current.revenue=10000000&current.vat_payable=180000');
  await expect(noJs.locator('#taxpayer_type-1')).toBeChecked();
  await expect(noJs.locator('[data-code="vat_burden"]')).toHaveAttribute('data-status', 'ok');
  await axeCleanWithoutJs(browser, noJs);
  await plain.close();
  await context.close();
});
