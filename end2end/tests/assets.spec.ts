import { test, expect } from '@playwright/test';

// Hashed assets under /pkg: long-lived caching, compressed (brotli or gzip), WASM included.
test('hashed assets are cached for a year and compressed', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const assets = [...html.matchAll(/href="(\/pkg\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.some((a) => a.endsWith('.wasm'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  for (const asset of assets) {
    expect(asset, 'content hash in the name').toMatch(/\.[A-Za-z0-9_-]{16,}\.(js|wasm|css)$/);
    for (const encoding of ['br', 'gzip']) {
      const res = await request.get(asset, { headers: { 'accept-encoding': encoding } });
      expect(res.status(), asset).toBe(200);
      expect(res.headers()['cache-control'], asset).toBe('public, max-age=31536000, immutable');
      expect(res.headers()['content-encoding'], `${asset} ${encoding}`).toBe(encoding);
    }
  }
});

test('pages are not cached as immutable and carry the security headers', async ({ request }) => {
  const res = await request.get('/calculators/iit-annual');
  const h = res.headers();
  expect(h['cache-control'] ?? '').not.toContain('immutable');
  expect(h['content-security-policy']).toContain("'wasm-unsafe-eval'");
  expect(h['content-security-policy']).not.toContain('unsafe-inline');
  expect(h['x-content-type-options']).toBe('nosniff');
});
