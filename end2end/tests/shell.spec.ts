import { test, expect, Page } from '@playwright/test';

/** Resolves once the WASM has hydrated the page: the menu button only shows after hydration. */
async function hydrated(page: Page) {
  await expect(page.locator('.header__menu-button')).not.toHaveAttribute('hidden', /.*/);
}

test('home page is server-rendered in zh-CN', async ({ browser }) => {
  // JavaScript off: everything a reader needs is in the HTML.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办税，一次讲清楚');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveText([
    '我要办税', '申报前自查', '办税指南与咨询', '税款计算器', '登录',
  ]);
  await context.close();
});

test('the page hydrates and the menu button responds', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await hydrated(page);
  const button = page.getByRole('button', { name: '菜单' });
  const nav = page.locator('#site-navigation');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: '税款计算器' }).click();
  await expect(page).toHaveURL(/\/calculators$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('税款计算器');
  // Client-side navigation closed the menu again.
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('the language switch changes language and keeps the page', async ({ page }) => {
  await page.goto('/guidance');
  await hydrated(page);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/guidance$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Policy and guidance');
  // The choice sticks across pages, and hydration keeps the language.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your taxes, explained');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(inMain).toBe(true);
});

test('unknown pages answer 404 with a translated page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到该页面');
});
