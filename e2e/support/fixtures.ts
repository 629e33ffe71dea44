/**
 * Each test gets its own backend: a fresh data folder and a web host started in this
 * process (web/server.ts), serving the renderer built for this run (globalSetup.ts). `app.restart()` closes the host
 * and starts it again on the same folder (a new port: the browser starts logged out).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Channel, Input, Result } from '../../core/api';
import { startWebHost, type WebHost } from '../../web/server';

const root = path.resolve(__dirname, '..', '..');
/** The renderer build of this run (see globalSetup.ts). */
const staticDir = process.env.QINGLIAN_E2E_STATIC_DIR ?? path.join(root, 'out', 'renderer');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

export const OFFICE = '某某县纪委监委';
export const ADMIN = { username: 'admin', password: 'Admin2025', displayName: '王主任' };

export class TestApp {
  host!: WebHost;
  /** Every origin this app has served from (a restart picks a new port). */
  readonly origins = new Set<string>();
  private sessionId: string | null = null;

  constructor(readonly dataDir: string) {}

  async start(): Promise<WebHost> {
    // no PDF renderer warm-up at each login: a spec that prints starts it on its first PDF, the others never do
    this.host = await startWebHost({ dataDir: this.dataDir, staticDir, version, warmPdf: false });
    this.origins.add(this.host.origin);
    this.sessionId = null;
    return this.host;
  }

  async restart(): Promise<WebHost> {
    await this.host.close();
    return this.start();
  }

  get url(): string {
    return this.host.url;
  }

  /** Calls the contract directly (no UI), as the administrator once setup is done. Throws on `ok: false`. */
  async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<C>> {
    const envelope = await this.host.core.invoke(channel, input, this.sessionId);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as Result<C>;
  }

  /** First-run setup without the UI, then a session for `invoke`. */
  async initialize(): Promise<void> {
    await this.invoke('setup.initialize', {
      authorityName: OFFICE,
      docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
      adminUsername: ADMIN.username,
      adminDisplayName: ADMIN.displayName,
      adminPassword: ADMIN.password,
      adminPasswordConfirm: ADMIN.password,
      adminHoldsAllRoles: true,
    });
    const login = await this.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    this.sessionId = login.sessionId;
  }

  /** A session for `invoke` when setup was done through the UI. */
  async signIn(user = ADMIN): Promise<void> {
    this.sessionId = (await this.invoke('auth.login', { username: user.username, password: user.password })).sessionId;
  }

  async unit(name: string, parentId: string | null = null): Promise<string> {
    return (await this.invoke('units.create', { name, parentId })).id;
  }

  async person(values: Input<'people.create'>): Promise<string> {
    return (await this.invoke('people.create', values)).id;
  }

  /** Rows in the database, for "nothing was saved" checks. */
  count(sql: string, ...params: unknown[]): number {
    return (this.host.core.db.prepare(sql).get(...params) as { n: number }).n;
  }
}

export const test = base.extend<{ app: TestApp; pageErrors: string[]; offlineRequests: string[] }>({
  /** Script errors and CSP refusals in the page fail the test (strict CSP: no inline script, no eval). */
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`页面脚本错误：${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(`CSP：${m.text()}`);
      });
      await use(errors);
      expect(errors, '页面不应出现脚本错误或 CSP 拒绝').toEqual([]);
    },
    { auto: true },
  ],
  /**
   * Offline guarantee (issue 13, item 9): every request a page makes is recorded, and any
   * to an origin other than the app's own loopback server fails the test. data:, blob: and
   * file: URLs (fonts, PDFs made in the page, browser mode's handover page) stay on this computer.
   */
  offlineRequests: [
    async ({ page, app }, use, testInfo) => {
      const seen: string[] = [];
      const foreign: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        seen.push(url);
        if (/^(data|blob|about|file):/.test(url)) return;
        if (!app.origins.has(new URL(url).origin)) foreign.push(url);
      });
      await use(foreign);
      testInfo.annotations.push({ type: 'requests', description: `${seen.length} requests, ${foreign.length} to other origins` });
      expect(foreign, '页面不应访问本机服务以外的任何地址').toEqual([]);
    },
    { auto: true },
  ],
  // Playwright requires the object pattern for a fixture that uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-'));
    const app = new TestApp(dataDir);
    await app.start();
    await use(app);
    await app.host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/**
 * Logs in through the login screen. Most tests start in 人员库, so the address asks for it
 * (the app keeps the address through the login); `stayHome` lands on the home page
 * (工作台) as a clerk does after logging in.
 */
export async function login(page: Page, app: TestApp, user = ADMIN, options: { stayHome?: boolean } = {}): Promise<void> {
  await page.goto(options.stayHome ? app.url : `${app.url}#/people`);
  await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByRole('heading', { name: options.stayHome ? '工作台' : '人员库' })).toBeVisible();
}

/** The people.list requests the page sends, with their inputs (to prove what was and was not searched). */
export function recordPeopleSearches(page: Page): { query: string | undefined }[] {
  const seen: { query: string | undefined }[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/people.list')) {
      const body = JSON.parse(req.postData() ?? '{}') as { query?: string };
      seen.push({ query: body.query });
    }
  });
  return seen;
}
