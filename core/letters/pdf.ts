/**
 * PDFs without Electron (browser mode, tests, benchmarks): the letter's HTML printed
 * by a Chromium found on this machine (Debian's chromium, Chrome or Edge), driven by
 * playwright-core over a pipe. The browser starts on first use and stays warm; it is
 * closed after a minute unused and when the process exits. Nothing is fetched: the
 * documents are self-contained and every request the page might make is refused.
 *
 * Electron prints with its own webContents.printToPDF instead (electron/printing.ts)
 * with the same options: A4, the CSS page size, no API margins, backgrounds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { FONT_URL_BASE, servedFontFile } from './fonts';

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
];

/** The first Chromium-family browser found, or null. QINGLIAN_CHROMIUM (or CHROMIUM_PATH) overrides. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const explicit = env.QINGLIAN_CHROMIUM ?? env.CHROMIUM_PATH;
  if (explicit) return fs.existsSync(explicit) ? explicit : null;
  const candidates: string[] = [];
  if (platform === 'win32') {
    for (const base of [env['ProgramFiles(x86)'], env.ProgramFiles, env.LOCALAPPDATA].filter(Boolean) as string[]) {
      candidates.push(
        path.join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      );
    }
  } else if (platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  } else candidates.push(...LINUX);
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export const PDF_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  margin: { top: '0', right: '0', bottom: '0', left: '0' },
} as const;

export class PdfRenderer {
  private browser: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private free: Page[] = [];
  private busy = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly executablePath: string,
    private readonly options: { idleMs?: number; concurrency?: number } = {},
  ) {}

  private async start() {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: this.executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-extensions',
        '--font-render-hinting=none',
      ],
    });
    browser.on('disconnected', () => {
      this.browser = null;
      this.free = [];
    });
    const context = await browser.newContext({ offline: true, locale: 'zh-CN' });
    // Documents fetch nothing but our bundled fonts (served from the package files, cached by Chromium); anything else is refused.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      const file = url.startsWith(FONT_URL_BASE) ? servedFontFile(url.slice(FONT_URL_BASE.length)) : null;
      if (!file) return route.abort();
      return route.fulfill({
        status: 200,
        body: await fs.promises.readFile(file),
        headers: {
          'content-type': 'font/woff2',
          'cache-control': 'public, max-age=31536000, immutable',
          'access-control-allow-origin': '*',
        },
      });
    });
    return { browser, context };
  }

  private async page(): Promise<Page> {
    const limit = this.options.concurrency ?? 2;
    while (this.busy >= limit) await new Promise<void>((r) => this.waiting.push(r));
    this.busy++;
    if (this.idle) clearTimeout(this.idle);
    try {
      this.browser ??= this.start();
      const { context } = await this.browser;
      return this.free.pop() ?? (await context.newPage());
    } catch (error) {
      this.release(null);
      this.browser = null;
      throw error;
    }
  }

  private release(page: Page | null) {
    this.busy--;
    if (page && !page.isClosed()) this.free.push(page);
    this.waiting.shift()?.();
    this.touch();
  }

  private touch() {
    if (this.idle) clearTimeout(this.idle);
    if (this.busy > 0) return;
    this.idle = setTimeout(() => void this.close(), this.options.idleMs ?? 60_000);
    this.idle.unref();
  }

  /** Prints one HTML document to PDF. */
  async render(html: string): Promise<Buffer> {
    const page = await this.page();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // Inlined fonts are decoded by now; wait for them anyway (document.fonts.ready without page scripts).
      await page.waitForFunction('document.fonts.status === "loaded"', undefined, { timeout: 30_000 }).catch(() => undefined);
      const pdf = await page.pdf(PDF_OPTIONS);
      this.release(page);
      return pdf;
    } catch (error) {
      await page.close().catch(() => undefined);
      this.release(null);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const b = this.browser;
    this.browser = null;
    this.free = [];
    if (b) await (await b.catch(() => null))?.browser.close().catch(() => undefined);
  }
}

let shared: { path: string; renderer: PdfRenderer } | null = null;

/** The process-wide renderer, or null when no Chromium is installed. */
export function sharedPdfRenderer(): PdfRenderer | null {
  const exe = findChromium();
  if (!exe) return null;
  if (!shared || shared.path !== exe) {
    shared = { path: exe, renderer: new PdfRenderer(exe) };
    process.once('exit', () => void shared?.renderer.close());
  }
  return shared.renderer;
}

/** Closes the process-wide renderer's browser (tests; the web host on shutdown). */
export async function closeSharedPdfRenderer(): Promise<void> {
  await shared?.renderer.close();
}

/** Joins PDFs into one (batches rendered in chunks). */
export async function mergePdfs(parts: Uint8Array[]): Promise<Uint8Array> {
  if (parts.length === 1) return parts[0]!;
  const out = await PDFDocument.create();
  for (const part of parts) {
    const doc = await PDFDocument.load(part);
    const pages = await out.copyPages(doc, doc.getPageIndices());
    for (const p of pages) out.addPage(p);
  }
  return out.save();
}
