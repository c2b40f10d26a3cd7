// Page-weight budget of the home page: HTML + CSS + JS + WASM + the language file, each brotli-compressed at
// quality 11 (deterministic), must stay within BUDGET_KIB. Starts the release server itself.
//   node budget.mjs            (from end2end/, after `cargo leptos build --release`)
import { spawn } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import { rmSync } from 'node:fs';

const BUDGET_KIB = 250;
const port = 3190;
const base = `http://127.0.0.1:${port}`;
const db = '../target/e2e/budget.db';
for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });

const server = spawn('../target/release/banshui', ['serve'], {
  env: { ...process.env, LEPTOS_SITE_ADDR: `127.0.0.1:${port}`, LEPTOS_SITE_ROOT: '../target/site',
         DATABASE_URL: `sqlite://${db}`, RUST_LOG: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function waitReady() {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function fetchRaw(path) {
  const res = await fetch(base + path, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

let failed = false;
try {
  await waitReady();
  const html = await fetchRaw('/');
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const js = [...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const wasm = [...text.matchAll(/<link[^>]+href="([^"]+\.wasm)"/g)].map((m) => m[1]);
  if (css.length !== 1 || js.length !== 1 || wasm.length !== 1) {
    throw new Error(`expected one CSS, JS and WASM link, found ${css} / ${js} / ${wasm}`);
  }
  const rows = [['HTML', '/', html]];
  for (const [kind, list] of [['CSS', css], ['JS', js], ['WASM', wasm]]) {
    for (const p of list) rows.push([kind, p, await fetchRaw(p)]);
  }
  // The page's language file, which the browser fetches before it hydrates.
  const ftl = [...text.matchAll(/<meta[^>]+name="banshui-i18n"[^>]+content="([^"]+)"/g)].map((m) => m[1]);
  if (ftl.length !== 1) throw new Error(`expected one language file, found ${ftl}`);
  rows.push(['FTL', ftl[0], await fetchRaw(ftl[0])]);
  // Modules the entry JS imports statically are loaded with it (the wasm-split loader).
  const entry = rows.find(([kind]) => kind === 'JS')[2].toString('utf8');
  const dir = js[0].slice(0, js[0].lastIndexOf('/') + 1);
  for (const m of new Set([...entry.matchAll(/from\s*["']\.\/([^"']+\.js)["']/g)].map((x) => x[1]))) {
    rows.push(['JS', dir + m, await fetchRaw(dir + m)]);
  }
  let totalRaw = 0, totalBr = 0;
  console.log('kind  raw bytes   brotli bytes  path');
  for (const [kind, path, buf] of rows) {
    const b = br(buf);
    totalRaw += buf.length; totalBr += b;
    console.log(`${kind.padEnd(5)} ${String(buf.length).padStart(9)}   ${String(b).padStart(12)}  ${path}`);
  }
  console.log(`total ${String(totalRaw).padStart(9)}   ${String(totalBr).padStart(12)}  (${(totalBr / 1024).toFixed(1)} KiB brotli; budget ${BUDGET_KIB} KiB)`);
  if (totalBr > BUDGET_KIB * 1024) {
    console.error(`BUDGET EXCEEDED: ${(totalBr / 1024).toFixed(1)} KiB > ${BUDGET_KIB} KiB`);
    failed = true;
  }
} catch (e) {
  console.error(String(e));
  failed = true;
} finally {
  server.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
