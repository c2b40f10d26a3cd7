import { test, expect } from '@playwright/test';
import { axeClean, newUscc, PASSWORD, signInStaff, signInTaxpayer, totp } from './helpers';

// Account security as a taxpayer meets it, without JavaScript tricks: every action is a form.
test('a taxpayer turns on two-step sign-in, keeps the recovery codes and signs in with a code', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const id = await signInTaxpayer(page.request);
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户安全');
  await expect(page.getByTestId('sessions').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('sessions')).toContainText('本设备');
  await axeClean(page);

  await page.getByTestId('begin-second-factor').click();
  const key = await page.getByTestId('totp-key').getAttribute('data-key');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: '身份验证器应用的二维码' })).toBeVisible();
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/security-enrol.png', fullPage: true });

  // A wrong code is refused with the field named; the right one turns it on.
  await page.locator('#confirm_code').fill(totp(key!, 0) === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '确认并开启' }).click();
  await expect(page.getByTestId('error-summary').locator('a[href="#confirm_code"]')).toBeVisible();
  await page.locator('#confirm_code').fill(totp(key!, 0));
  await page.getByRole('button', { name: '确认并开启' }).click();
  await expect(page.getByTestId('done')).toContainText('两步验证已开启');
  const codes = page.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().innerText()).trim();
  expect(recovery).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/security-on.png', fullPage: true });
  // Shown once: a reload shows no codes.
  await page.reload();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
  await expect(page.getByText('剩余恢复码：10 个。')).toBeVisible();

  // Signing in elsewhere: the password alone asks for the code; a recovery code works.
  const other = await browser.newContext({ locale: 'en' });
  const second = await other.newPage();
  await second.goto('/sign-in');
  await second.locator('#taxpayer_id').fill(id);
  await second.locator('#password').fill(PASSWORD);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByTestId('error-summary').locator('a[href="#code"]')).toBeVisible();
  await expect(second.locator('#code-error')).toContainText('authenticator app');
  await axeClean(second);
  await second.locator('#password').fill(PASSWORD);
  await second.locator('#code').fill(recovery);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second).toHaveURL(/\/filing$/);

  // The first device now sees two sessions and ends the other one.
  await page.goto('/account/security');
  const rows = page.getByTestId('sessions').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasNot: page.getByText('本设备') }).getByRole('button').click();
  await expect(page.getByTestId('done')).toContainText('该会话已结束');
  await second.goto('/filings');
  await expect(second.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await other.close();
  await context.close();
});

test('changing the password signs out the other devices; sign out everywhere ends this one too', async ({ browser }) => {
  const a = await browser.newContext({ locale: 'en' });
  const b = await browser.newContext({ locale: 'en' });
  const here = await a.newPage();
  const there = await b.newPage();
  const id = newUscc();
  expect((await here.request.post('/api/v1/accounts', { data: { taxpayer_id: id, name: '改密测试', password: PASSWORD } })).status()).toBe(201);
  for (const p of [here, there]) {
    expect((await p.request.post('/api/v1/session', { data: { taxpayer_id: id, password: PASSWORD } })).status()).toBe(200);
  }
  await here.goto('/account/security');
  await here.locator('#current_password').fill('not my password 1');
  await here.locator('#new_password').fill('a new river stone 8');
  await here.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByTestId('error-summary').locator('a[href="#current_password"]')).toBeVisible();
  await axeClean(here);
  await here.locator('#current_password').fill(PASSWORD);
  await here.locator('#new_password').fill('a new river stone 8');
  await here.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByTestId('done')).toContainText('Signed out elsewhere: 1');
  expect((await there.request.get('/api/v1/me')).status()).toBe(401);
  expect((await here.request.get('/api/v1/me')).status()).toBe(200);
  await here.getByTestId('end-all').click();
  await expect(here).toHaveURL(/\/sign-in\?signed_out=1/);
  expect((await here.request.get('/api/v1/me')).status()).toBe(401);
  await a.close();
  await b.close();
});

test('a staff member has the same security settings in the console', async ({ browser }) => {
  for (const locale of ['zh-CN', 'en']) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signInStaff(page.request, 'e2e.editor');
    await page.goto('/staff/security');
    await expect(page.getByTestId('sessions')).toBeVisible();
    await expect(page.getByTestId('begin-second-factor')).toBeVisible();
    await expect(page.locator('nav.staff-bar a[href="/staff/security"]')).toBeVisible();
    await axeClean(page);
    await page.screenshot({ path: `test-results/screenshots/staff-security-${locale}.png`, fullPage: true });
    await context.close();
  }
});
