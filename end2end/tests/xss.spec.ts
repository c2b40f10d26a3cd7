import { test, expect, Page } from '@playwright/test';
import { signInStaff } from './helpers';

// Each payload is stored as the body of its own article (both languages), published, and then
// opened on the public page and in the staff preview. Nothing may run: no dialog, no marker
// on window, no script element, event-handler attribute or javascript:/data: link in the body.
const payloads = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="window.__xss=1">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '<a href="https://example.com" onmouseover="window.__xss=1">hover</a>',
  '[md link](javascript:alert(1))',
  '[md link](JAVASCRIPT:alert(1))',
  '[md link]( javascript:alert(1) )',
  '[md link](data:text/html,<script>alert(1)</script>)',
  '![md image](javascript:alert(1))',
  '[ref link][x]\n\n[x]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '"><img src=x onerror=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<video><source onerror=alert(1)></video>',
  '`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```',
];

async function assertInert(page: Page, url: string, dialogs: string[]) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // Hover and focus what there is, in case a handler survived.
  for (const a of await page.locator('.prose a').all()) {
    await a.hover().catch(() => {});
  }
  expect(dialogs, `${url}: a dialog opened`).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), `${url}: marker set`).toBeUndefined();
  const bad = await page.evaluate(() => {
    const found: string[] = [];
    for (const root of document.querySelectorAll('.prose')) {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'form', 'input', 'meta', 'base', 'img', 'video'].includes(tag)) found.push(tag);
        for (const attr of el.getAttributeNames()) {
          const value = (el.getAttribute(attr) ?? '').toLowerCase().replace(/\s/g, '');
          if (attr.startsWith('on') || attr === 'style' || attr === 'srcdoc') found.push(`${tag}[${attr}]`);
          if ((attr === 'href' || attr === 'src' || attr === 'action' || attr === 'data') && /^(javascript|data|vbscript):/.test(value)) found.push(`${tag}[${attr}=${value}]`);
        }
      }
    }
    return found;
  });
  expect(bad, `${url}: unsafe markup survived`).toEqual([]);
}

test(`${payloads.length} XSS payloads stored as article bodies never run, public page or staff preview`, async ({ page }) => {
  test.setTimeout(180_000);
  expect(payloads.length).toBeGreaterThanOrEqual(30);
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await signInStaff(page.request, 'e2e.admin');
  for (const [i, payload] of payloads.entries()) {
    const slug = `xss-payload-${i}`;
    const created = await page.request.post('/api/v1/staff/articles', {
      data: {
        slug, kind: 'faq', tax_types: ['general'],
        title: { 'zh-CN': `XSS 测试 ${i}`, en: `XSS test ${i}` },
        body_markdown: { 'zh-CN': `前文 ${payload} 后文`, en: `before ${payload} after` },
        effective_from: '2026-01-01', references: [],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    expect((await page.request.post(`/api/v1/staff/articles/${slug}/publish`)).status()).toBe(200);
    await assertInert(page, `/guidance/${slug}`, dialogs);
    await expect(page.getByTestId('article-body')).toContainText('前文');
    await assertInert(page, `/staff/articles/${slug}`, dialogs);
    await expect(page.getByTestId('preview')).toContainText('before');
  }
});
