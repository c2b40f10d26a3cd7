import { expect, Page, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
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
