import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (never a downloaded browser: downloads fail on these machines).
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
export const shortSessionURL = `http://127.0.0.1:${port + 1}`;
export const STAFF_PASSWORD = '城南 quiet lane 77';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL,
    locale: 'zh-CN',
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  // The release build, on a fresh SQLite file (tests/global-setup removes the old one).
  // Each server starts on an empty database (removed by its own command: Playwright starts the
  // servers before global setup runs).
  webServer: [{
    // Staff accounts are made the way an operator makes them, before the server starts.
    command: 'rm -f ../target/e2e/banshui.db ../target/e2e/banshui.db-wal ../target/e2e/banshui.db-shm'
      + ' && ../target/release/banshui staff create --username e2e.admin --role admin'
      + ' && ../target/release/banshui staff create --username e2e.editor --role editor'
      + ' && exec ../target/release/banshui serve',
    cwd: '.',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      DATABASE_URL: 'sqlite://../target/e2e/banshui.db',
      BANSHUI_STAFF_PASSWORD: STAFF_PASSWORD,
      // The tests register many taxpayers from 127.0.0.1 (the default is 10 in 15 minutes).
      BANSHUI_REGISTRATIONS_PER_ADDRESS: '100000',
      // The staff tests sign e2e.admin in many times from parallel workers; a TOTP code works
      // once per 30 s, so this server does not require it (security.spec.ts and the Rust
      // integration tests cover two-step sign-in and its requirement for publishers).
      BANSHUI_SECOND_FACTOR_REQUIRED_FROM: 'none',
      RUST_LOG: 'warn',
    },
  }, {
    // A second server whose sessions time out after 20 s, for the timeout warning test.
    command: 'rm -f ../target/e2e/short-session.db* && exec ../target/release/banshui serve',
    cwd: '.',
    url: `${shortSessionURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port + 1}`,
      LEPTOS_SITE_ROOT: '../target/site',
      DATABASE_URL: 'sqlite://../target/e2e/short-session.db',
      BANSHUI_SESSION_IDLE_SECS: '20',
      RUST_LOG: 'warn',
    },
  }],
  globalSetup: './tests/global-setup.ts',
});
