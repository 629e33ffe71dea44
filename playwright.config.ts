import { defineConfig } from '@playwright/test';

/**
 * One id per run, shared by the runner and its workers (they inherit the environment), so
 * that two runs at the same time in one tree never delete each other's traces.
 */
const runId = (process.env.QINGLIAN_E2E_RUN_ID ??= `${Date.now()}-${process.pid}`);

/**
 * The office's time zone, for the browser AND for the server the tests start in their
 * workers (which inherit this environment). On a clerk's PC the app and its window share
 * one clock; here the machine may be on UTC, and between 16:00 and 24:00 UTC the page's
 * "today" (Shanghai) would be a day after the server's, so a check dated by the page
 * would be "after" the 签发 day the server computes.
 */
const OFFICE_TIME_ZONE = 'Asia/Shanghai';
process.env.TZ = OFFICE_TIME_ZONE;

/**
 * End-to-end tests: the renderer (built for the run by e2e/support/globalSetup.ts) in
 * Debian's Chromium against the real backend (web/server.ts started in-process by each
 * test, on a fresh data folder).
 * Never run `npx playwright install`: the system Chromium is used.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/globalSetup.ts',
  outputDir: `test-results/e2e/${runId}`,
  // Generous bounds, not waits: a passing step returns as soon as the app shows its state;
  // on a loaded 2-core machine one step can take several seconds (docs/pitfalls: tests on a
  // busy machine), and a tight bound turns that into a false failure.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: OFFICE_TIME_ZONE,
    viewport: { width: 1400, height: 900 },
    // The app honours the system's "reduce motion" setting by switching antd's motion off
    // (renderer/app/theme.ts): no dropdown or dialog is ever caught mid-animation.
    reducedMotion: 'reduce',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
