import { expect, Browser, Page, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { STAFF_PASSWORD } from '../playwright.config';

export const PASSWORD = '茶山 steep hill 42';
export { STAFF_PASSWORD };

// A valid 统一社会信用代码 made fresh for each test (GB 32100-2015 check character).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function newUscc(): string {
  let body = '9135010M';
  for (let i = 0; i < 9; i++) body += String(Math.floor(Math.random() * 10));
  const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}

export async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${page.url()}\n${summary.join('\n')}`).toEqual([]);
}

/**
 * axe on a page as a browser without JavaScript got it. axe cannot run in a context with
 * JavaScript disabled (its evaluate never returns there), so the page's HTML as served is shown
 * again in a context with JavaScript, at the same address and with the same stylesheets, and
 * with every script request refused, so that nothing hydrates or changes it; axe runs on that.
 */
export async function axeCleanWithoutJs(browser: Browser, page: Page) {
  const html = await page.content();
  const url = page.url();
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  const copy = await context.newPage();
  await copy.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url() === url) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    if (request.resourceType() === 'script' || request.url().endsWith('.wasm')) return route.abort();
    return route.continue();
  });
  await copy.goto(url);
  // The copy is the page, not an empty shell: its heading is there.
  await expect(copy.locator('main h1')).toHaveCount(1);
  await axeClean(copy);
  await context.close();
}

/** Registers a taxpayer and signs this browser context in (through the JSON API). */
export async function signInTaxpayer(request: APIRequestContext): Promise<string> {
  const id = newUscc();
  const r = await request.post('/api/v1/accounts', { data: { taxpayer_id: id, name: '端到端测试', password: PASSWORD } });
  expect(r.status()).toBe(201);
  const s = await request.post('/api/v1/session', { data: { taxpayer_id: id, password: PASSWORD } });
  expect(s.status()).toBe(200);
  return id;
}

/** Signs this browser context in as a staff member (through the JSON API). */
export async function signInStaff(request: APIRequestContext, username: string) {
  const r = await request.post('/api/v1/staff/session', { data: { username, password: STAFF_PASSWORD } });
  expect(r.status()).toBe(200);
}

/** RFC 4648 base32 (no padding) to bytes. */
function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const c of text) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >> bits) & 0xff); }
  }
  return Buffer.from(out);
}

/** The TOTP code (RFC 6238: HMAC-SHA-1, 6 digits, 30 s) of a base32 key, `steps` steps from now. */
export function totp(key: string, steps = 0): string {
  const step = Math.floor(Date.now() / 1000 / 30) + steps;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32(key)).update(counter).digest();
  const o = h[19] & 0x0f;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return n.toString().padStart(6, '0');
}
