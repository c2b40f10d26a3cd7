import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The calculator is a lazy route: wait until its own WASM chunk has hydrated it. */
async function hydrated(page: Page) {
  await expect(page.locator('.calculator')).toHaveAttribute('data-hydrated', 'true');
}

test('IIT annual: typed by keyboard, computed in the browser without any /api/ request', async ({ page }) => {
  const apiCalls: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url()); });
  await page.goto('/calculators/iit-annual');
  await hydrated(page);
  // IIT-1 of the reference, typed with the keyboard (full-width digits and a thousands separator too).
  await page.getByLabel('工资薪金收入').focus();
  await page.keyboard.type('２００,０００');
  await page.keyboard.press('Tab');
  await page.getByLabel('专项扣除').fill('');
  await page.getByLabel('专项扣除').pressSequentially('24000');
  await page.getByLabel('子女教育').pressSequentially('24000');
  await page.getByLabel('住房贷款利息').pressSequentially('12000');
  await page.getByLabel('赡养老人').pressSequentially('18000');
  await expect(page.getByTestId('result-headline')).toHaveText('应补税额 3,680.00 元');
  // The phone's sticky bar carries the same headline.
  await expect(page.getByTestId('sticky-headline')).toHaveText('应补税额 3,680.00 元', { useInnerText: false });
  const row = page.getByTestId('explanation').getByRole('row', { name: /应纳税所得额/ });
  await expect(row).toContainText('62,000.00');
  await expect(row.getByRole('link')).toHaveText('个人所得税法 第六条');
  await expect(row.getByRole('link')).toHaveAttribute('href', '/guidance/iit-annual-reconciliation');
  expect(apiCalls).toEqual([]);
});

test('invalid input shows an inline message and an error summary linking to the field', async ({ page }) => {
  await page.goto('/calculators/iit-annual');
  await hydrated(page);
  await page.getByLabel('住房贷款利息').pressSequentially('12001');
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading')).toHaveText('存在以下问题');
  const link = summary.getByRole('link', { name: '超过政策规定的扣除上限 12000.00 元。' });
  await expect(link).toHaveAttribute('href', '#field-additional_deductions-housing_loan_interest');
  await link.click();
  await expect(page.locator('#field-additional_deductions-housing_loan_interest')).toBeFocused();
  await expect(page.locator('#field-additional_deductions-housing_loan_interest')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('result')).toContainText('请先更正');
  // Fixing it clears the summary.
  await page.keyboard.press('Backspace');
  await expect(summary).toBeHidden();
});

test('without JavaScript the form is submitted and the server renders the same result', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/calculators/vat-small-scale');
  await page.getByLabel('第1项销售：含税销售额（与不含税销售额只填一项）', { exact: true }).fill('150000');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page).toHaveURL(/lines%5B0%5D\.sales_inclusive=150000/);
  await expect(page.getByTestId('result-headline')).toHaveText('应缴增值税及附加税费合计 1,574.25 元');
  await expect(page.getByTestId('explanation')).toContainText('148,514.85');
  // Invalid input without JavaScript: the error summary comes from the server.
  await page.goto('/calculators/vat-small-scale?sales=1&sales_inclusive=2');
  await expect(page.getByTestId('error-summary')).toContainText('请填写不含税销售额或含税销售额，二者只填一项。');
  await expect(page).toHaveTitle(/^错误：/);
  await context.close();
});

// The browser's engine (WASM) and the server's engine give identical results on every shared
// scenario of every kind: the page is server-rendered from the query, then the browser recomputes.
function flatten(value: unknown, prefix: string, out: URLSearchParams) {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(value));
}
// The query parameter to edit, and the field it fills (a first-revision VAT query fills the
// first sales line).
const editable: Record<string, [string, string][]> = {
  'iit-annual': [['income.wages', 'income.wages'], ['annual_bonus', 'annual_bonus'], ['income.labor', 'income.labor']],
  'iit-business': [['revenue', 'revenue']],
  'iit-business-prepayment': [['revenue', 'revenue']],
  'vat-small-scale': [['sales', 'lines[0].sales'], ['sales_inclusive', 'lines[0].sales_inclusive'],
    ['lines[0].sales', 'lines[0].sales'], ['lines[0].sales_inclusive', 'lines[0].sales_inclusive']],
  'cit-prepayment': [['total_profit', 'total_profit']], 'stamp-duty': [['items[0].amount', 'items[0].amount']],
};
for (const kind of Object.keys(editable)) {
  const scenarios = JSON.parse(readFileSync(`../app/engine/scenarios/${kind}.json`, 'utf8'));
  test(`browser and server agree on every ${kind} scenario`, async ({ page, request }) => {
    for (const sc of scenarios) {
      const params = new URLSearchParams();
      flatten(sc.input, '', params);
      const api = await (await request.post(`/api/v1/calculations/${kind}`, { data: sc.input })).json();
      await page.goto(`/calculators/${kind}?${params}`);
      await hydrated(page);
      const serverRendered = await page.getByTestId('explanation').innerText();
      // Append a digit to an amount (the browser's engine shows another result), then remove it:
      // the browser recomputes the original figures with its own engine.
      const [param, path] = editable[kind].find(([p]) => params.has(p))!;
      const id = '#field-' + path.replace(/[^A-Za-z0-9_]/g, '-').replace(/-+$/, '');
      // A digit that keeps the amount valid: before a decimal amount, or after a whole one.
      const decimal = params.get(param)!.includes('.');
      await page.locator(id).focus();
      await page.keyboard.press(decimal ? 'Home' : 'End');
      await page.keyboard.type(decimal ? '1' : '0');
      const explanation = () => page.getByTestId('explanation').innerText();
      await expect.poll(explanation, { message: `${sc.name}: the browser recomputes` }).not.toBe(serverRendered);
      await page.keyboard.press('Backspace');
      await expect.poll(explanation, { message: `${sc.name}: browser equals server` }).toBe(serverRendered);
      const browserComputed = await page.getByTestId('explanation').innerText();
      for (const line of api.lines) {
        const amount = Number(line.amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        expect(browserComputed, `${sc.name}: ${line.key}`).toContain(amount);
      }
    }
  });
}

test('text typed before hydration is not lost', async ({ page }) => {
  // Hold the calculator chunk back, type, then let it load.
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  await page.route(/split___calculator.*\.wasm$/, async (route) => { await gate; await route.continue(); });
  await page.goto('/calculators/iit-annual');
  await page.locator('#field-income-wages').fill('200000');
  release();
  await hydrated(page);
  await expect(page.getByTestId('result-headline')).toHaveText('应补税额 11,480.00 元');
});
