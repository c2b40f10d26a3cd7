import { test, expect } from '@playwright/test';
import { axeClean, signInStaff, signInTaxpayer, STAFF_PASSWORD } from './helpers';

test('search in Chinese, open an article, ask a question, answer it as staff, see the answer', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Search with the keyboard: 小规模纳税人 is segmented into words and highlighted.
  await page.goto('/guidance');
  await page.locator('#q').focus();
  await page.keyboard.type('小规模纳税人');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('results-heading')).toContainText('小规模纳税人');
  const first = page.getByTestId('results').locator('li').first();
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(page.getByTestId('results')).toContainText('小规模纳税人增值税');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/guidance-search-zh.png', fullPage: true });
  await page.getByTestId('results').getByRole('link', { name: '小规模纳税人增值税：1%征收率与申报方法' }).click();
  await expect(page.locator('h1')).toHaveText('小规模纳税人增值税：1%征收率与申报方法');
  await expect(page.getByTestId('effective')).toContainText('2026-01-01');
  await expect(page.getByTestId('change-note')).not.toBeEmpty();
  await expect(page.getByTestId('article-body').locator('table, ol').first()).toBeVisible();
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/guidance-article-zh.png', fullPage: true });

  // A taxpayer asks; an empty form is refused with an error summary linking to the fields.
  await signInTaxpayer(page.request);
  await page.goto('/consultations#ask');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await expect(page.getByTestId('error-summary').locator('a[href="#subject"]')).toBeVisible();
  await axeClean(page);
  await page.fill('#subject', '季度销售额正好30万元要交增值税吗');
  await page.selectOption('#tax_type', 'vat');
  await page.fill('#body', '我是按季申报的小规模纳税人，本季度不含税销售额正好300,000元。');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('asked')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('已受理');
  const questionUrl = page.url().split('?')[0];
  await axeClean(page);

  // Staff sign in with the form, take the question up and answer it.
  const staff = await browser.newContext({ locale: 'zh-CN' });
  const officer = await staff.newPage();
  await officer.goto('/staff');
  await axeClean(officer);
  await officer.fill('#username', 'e2e.admin');
  await officer.fill('#password', STAFF_PASSWORD);
  await officer.getByTestId('staff-sign-in').click();
  await expect(officer.getByTestId('staff-who')).toContainText('e2e.admin');
  await officer.goto('/staff/consultations?status=received&tax_type=vat');
  await axeClean(officer);
  await officer.getByTestId('queue').getByRole('link', { name: '季度销售额正好30万元要交增值税吗' }).click();
  await officer.getByTestId('assign').click();
  await expect(officer.getByTestId('status')).toHaveText('办理中');
  await officer.getByTestId('reply').click();
  await expect(officer.locator('#body-error')).toBeVisible();
  const answer = '需要。2026年起季度销售额达到30万元即全额缴纳增值税，但免征教育费附加和地方教育附加。';
  await officer.fill('#body', answer);
  await officer.getByTestId('reply').click();
  await expect(officer.getByTestId('status')).toHaveText('已答复');
  await axeClean(officer);
  await officer.screenshot({ path: 'test-results/screenshots/staff-consultation-zh.png', fullPage: true });

  // The taxpayer sees the answer.
  await page.goto(questionUrl);
  await expect(page.getByTestId('status')).toHaveText('已答复');
  await expect(page.getByTestId('replies')).toContainText(answer);
  await axeClean(page);

  // The officer turns it into a draft FAQ without personal data, and publishes it.
  await officer.getByTestId('make-faq').click();
  await expect(officer.getByTestId('article-status')).toHaveText('草稿');
  await expect(officer.getByTestId('preview')).toContainText('300,000');
  await officer.getByTestId('action-publish').click();
  await expect(officer.getByTestId('article-status')).toHaveText('已发布');
  await staff.close();
});

test('English search is stemmed and the article reads in English', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
  await page.goto('/guidance?q=renting');
  await expect(page.getByTestId('results').locator('li').first()).toContainText('housing rent');
  await expect(page.getByTestId('results').locator('mark').first()).toHaveText(/rent/i);
  await page.getByTestId('results').locator('a').first().click();
  await expect(page.locator('h1')).toHaveText('Special additional deduction: housing rent');
  await expect(page.getByTestId('article-body')).toContainText('1,500 yuan');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/guidance-article-en.png', fullPage: true });
});

test('an editor edits with a change note, keeps typed text on a refusal, and sees versions and a diff; publishing is not theirs', async ({ page }) => {
  await signInStaff(page.request, 'e2e.editor');
  await page.goto('/staff/articles/iit-elderly-support/edit');
  const body = page.locator('#body_zh');
  await body.fill((await body.inputValue()) + '\n\n新增段落：分摊协议应当留存备查。');
  await page.getByTestId('save').click();
  // No change note: refused, the error summary links to it, and what was typed is still there.
  await expect(page.getByTestId('error-summary').locator('a[href="#change_note"]')).toBeVisible();
  await expect(page.locator('#body_zh')).toHaveValue(/分摊协议应当留存备查/);
  await axeClean(page);
  await page.fill('#change_note', '补充分摊协议留存要求');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  await expect(page.getByTestId('versions').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('action-publish')).toHaveCount(0);
  await page.selectOption('#from', '1');
  await page.selectOption('#to', '2');
  await page.getByRole('button', { name: '显示差异' }).click();
  await expect(page.getByTestId('diff')).toContainText('分摊协议应当留存备查');
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/staff-diff-zh.png', fullPage: true });
  // The public page still shows version 1 until a publisher publishes version 2.
  await page.goto('/guidance/iit-elderly-support');
  await expect(page.getByTestId('article-body')).not.toContainText('分摊协议应当留存备查');
  // The audit log is the admin's.
  await page.goto('/staff/audit');
  await expect(page.locator('h1')).toHaveText('无权访问');
});
