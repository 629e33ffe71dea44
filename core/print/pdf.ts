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
import { AppError } from '../errors';
import type { FontMode } from './contract';
import { FONT_URL_BASE, resolveFonts, servedFontFile } from './fonts';

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

/** Pages per print of a long document (a PDF job here, or the desktop shell's own printToPDF): progress and cancel move at this step. */
export const PART_PAGES = 10;

/** The label of a PDF job's progress, the same in every shell. */
export const pdfProgressLabel = (done: number, total: number) => `正在生成PDF：第${done}页/共${total}页`;

export const PDF_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  margin: { top: '0', right: '0', bottom: '0', left: '0' },
} as const;

/**
 * One of our documents taken apart (renderDocument's output): its title, the @font-face
 * rules, the rest of its CSS and the body. Null for any other HTML.
 */
export function splitDocument(html: string): { title: string; faces: string[]; css: string; body: string } | null {
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const bodyStart = html.indexOf('<body>');
  const bodyEnd = html.lastIndexOf('</body>');
  if (title === undefined || style === undefined || bodyStart < 0 || bodyEnd < bodyStart) return null;
  const faces: string[] = [];
  const css = style
    .split('\n')
    .filter((line) => (line.startsWith('@font-face{') ? (faces.push(line), false) : true))
    .join('\n');
  return { title: unescapeTitle(title), faces, css, body: html.slice(bodyStart + 6, bodyEnd) };
}

const unescapeTitle = (t: string) =>
  t.replace(/&(lt|gt|quot|#39|#96|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`', amp: '&' })[e]!);

/**
 * The page every job is printed in: a CSP like our documents' (no scripts, nothing but our
 * fonts), the @font-face rules every job so far has needed (only ever added to, so a face
 * Chromium has loaded stays loaded: fonts are fetched and decoded once per page, not once
 * per letter) and the CSS of the current job.
 */
const SHELL = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data: ${FONT_URL_BASE}; img-src data:"><title></title><style id="ql-doc"></style></head><body></body></html>`;

interface ShellPage {
  page: Page;
  /** @font-face rules already in the page. */
  faces: Set<string>;
}

/**
 * Runs in the page (a string, so no compiler helper leaks into it): puts a job in and waits
 * until every face its text uses has loaded. New faces go into a sheet of their own: a
 * sheet that changed would drop and reload the faces it holds.
 */
const FILL_SHELL = `async (job) => {
  document.title = job.title;
  if (job.faces.length) {
    const sheet = document.createElement('style');
    sheet.textContent = job.faces.join('\\n');
    document.head.insertBefore(sheet, document.getElementById('ql-doc'));
  }
  document.getElementById('ql-doc').textContent = job.css;
  document.body.innerHTML = job.body;
  void document.body.offsetHeight;
  await document.fonts.ready;
  return document.fonts.status;
}`;

/** Text in every role that a letter always has (the faces' most used subsets), for warming up. */
const WARM_TEXT =
  '某某县纪委监委关于张三等同志党风廉政情况的复函中共组织部：你单位《征求意见》收悉。经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，现将同志的函复如下未发现影响提拔使用的问题特此年月日附件序号姓名单位职务意见备注—1234567890〔〕（）';

export class PdfRenderer {
  private browser: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private free: ShellPage[] = [];
  private busy = 0;
  private waiting: (() => void)[] = [];
  private warming: Promise<void> | null = null;

  constructor(
    private readonly executablePath: string,
    private readonly options: { idleMs?: number; concurrency?: number; singleProcess?: boolean } = {},
  ) {
    this.singleProcess = options.singleProcess ?? false;
  }

  /** Browsers closed on purpose (their disconnect is not a crash). */
  private closedOnPurpose = new WeakSet<Browser>();

  /**
   * Whether the next start runs Chromium as one process (--single-process). A print in the
   * usual multi-process browser spends most of its CPU between processes (the page's
   * renderer, the browser, a print-compositor process started for each print): ~120 ms of
   * CPU for a PDF of one line; in one process ~40 ms, and a warm six-person letter
   * ~110 ms instead of ~190 ms (docs/benchmarks.md). Our documents run no scripts and
   * fetch nothing, so the isolation between processes protects nothing here. Chromium
   * calls the mode unsupported: if it fails to start, or the browser goes away while
   * running, later starts use the usual processes. Off unless asked for: in a full test run
   * beside a CPU hog a one-process browser hung for good in the middle of a print, and a
   * print that never ends is worse than a slower one (no watchdog restarts it yet).
   */
  private singleProcess: boolean;

  /** Whether the next start runs Chromium as one process (tests). */
  get runsSingleProcess(): boolean {
    return this.singleProcess;
  }

  private async start() {
    const { chromium } = await import('playwright-core');
    const launch = (single: boolean) =>
      chromium.launch({
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
          ...(single ? ['--single-process'] : []),
        ],
      });
    let single = this.singleProcess;
    let browser: Browser;
    try {
      browser = await launch(single);
    } catch (error) {
      if (!single) throw error;
      this.singleProcess = single = false;
      browser = await launch(false);
    }
    browser.on('disconnected', () => {
      // gone without close(): a crash, so the next start does not risk the single process again
      if (single && !this.closedOnPurpose.has(browser)) this.singleProcess = false;
      this.browser = null;
      this.free = [];
    });
    const context = await browser.newContext({ offline: true, locale: 'zh-CN' });
    // Documents fetch nothing but our bundled fonts (served from the package files); anything else is refused.
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

  private async page(): Promise<ShellPage> {
    const limit = this.options.concurrency ?? 2;
    while (this.busy >= limit) await new Promise<void>((r) => this.waiting.push(r));
    this.busy++;
    if (this.idle) clearTimeout(this.idle);
    try {
      this.browser ??= this.start();
      const { context } = await this.browser;
      const reused = this.free.pop();
      if (reused) return reused;
      const page = await context.newPage();
      await page.setContent(SHELL, { waitUntil: 'load' });
      return { page, faces: new Set() };
    } catch (error) {
      this.release(null);
      this.browser = null;
      throw error;
    }
  }

  private release(shell: ShellPage | null) {
    this.busy--;
    if (shell && !shell.page.isClosed()) this.free.push(shell);
    this.waiting.shift()?.();
    this.touch();
  }

  private touch() {
    if (this.idle) clearTimeout(this.idle);
    if (this.busy > 0) return;
    this.idle = setTimeout(() => void this.close(), this.options.idleMs ?? 60_000);
    this.idle.unref();
  }

  /**
   * Starts the browser and readies a page with the faces every letter uses, without
   * waiting for a document: called when a clerk logs in or opens a print page, so the
   * click on 保存PDF finds it warm. Once per browser; failures are left to the real job.
   */
  warm(): Promise<void> {
    if (this.browser && this.warming) return this.warming;
    this.warming = (async () => {
      const { bundledWarmUpDocument } = await import('./compose');
      await this.render(bundledWarmUpDocument(WARM_TEXT));
    })().catch(() => {
      this.warming = null;
    });
    return this.warming;
  }

  /**
   * Prints one HTML document to PDF. Our own documents go into a reused page (their fonts
   * stay loaded from one job to the next); any other HTML gets a page of its own.
   */
  async render(html: string): Promise<Buffer> {
    return this.renderJob(splitDocument(html), html);
  }

  /**
   * Prints one of our documents in parts of `partPages` pages (each part one print in the
   * reused page, so fonts still load once; the parts are joined, titled as the document),
   * reporting the pages done after each part and stopping between parts once `signal` is
   * aborted (CANCELLED). A document of up to `partPages` pages is one print, as render().
   */
  async renderInParts(
    html: string,
    o: { partPages: number; signal?: AbortSignal; onPages?: (done: number, total: number) => void },
  ): Promise<Buffer> {
    const job = splitDocument(html);
    const sections = job ? job.body.split(/(?=<section class="page)/).filter((x) => x.startsWith('<section')) : [];
    const stop = () => {
      if (o.signal?.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
    };
    stop();
    if (!job || sections.length <= o.partPages) {
      const pdf = await this.renderJob(job, html);
      stop();
      o.onPages?.(sections.length, sections.length);
      return pdf;
    }
    const parts: Uint8Array[] = [];
    for (let i = 0; i < sections.length; i += o.partPages) {
      parts.push(await this.renderJob({ ...job, body: sections.slice(i, i + o.partPages).join('') }, null));
      stop();
      o.onPages?.(Math.min(sections.length, i + o.partPages), sections.length);
    }
    return Buffer.from(await mergePdfs(parts, job.title));
  }

  private async renderJob(job: ReturnType<typeof splitDocument>, html: string | null): Promise<Buffer> {
    const shell = await this.page();
    try {
      let pdf: Buffer;
      if (job) {
        const faces = job.faces.filter((f) => !shell.faces.has(f));
        await shell.page.evaluate(`(${FILL_SHELL})(${JSON.stringify({ ...job, faces })})`);
        for (const f of faces) shell.faces.add(f);
        pdf = await shell.page.pdf(PDF_OPTIONS);
      } else pdf = await this.renderOnce(html!);
      this.release(shell);
      return pdf;
    } catch (error) {
      await shell.page.close().catch(() => undefined);
      this.release(null);
      throw error;
    }
  }

  private async renderOnce(html: string): Promise<Buffer> {
    const { context } = await this.browser!;
    const page = await context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.waitForFunction('document.fonts.status === "loaded"', undefined, { timeout: 30_000 }).catch(() => undefined);
      return await page.pdf(PDF_OPTIONS);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const b = this.browser;
    this.browser = null;
    this.warming = null;
    this.free = [];
    const started = b ? await b.catch(() => null) : null;
    if (started) {
      this.closedOnPurpose.add(started.browser);
      await started.browser.close().catch(() => undefined);
    }
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

let warmUpEnabled = false;

/**
 * Lets logins and print pages warm the process-wide renderer (the web server turns this
 * on; tests and the desktop shell, which prints with Electron, leave it off).
 */
export function enablePdfWarmUp(on = true): void {
  warmUpEnabled = on;
}

/** Whether logins and print pages warm the renderer and start PDFs ahead (prefetch.ts). */
export const pdfWarmUpEnabled = () => warmUpEnabled;

/**
 * Warms the PDF writer in the background, after the current request has answered: called
 * when a clerk logs in or opens a print page, so the first PDF does not pay for parsing
 * the fonts (core/print/pdfWriter.ts). Does nothing unless enabled.
 */
export function warmPdfRendererSoon(fontMode?: FontMode): void {
  if (!warmUpEnabled) return;
  setImmediate(() => {
    void import('./pdfWriter')
      .then(({ pdfWriter }) => pdfWriter.warm(fontMode ? resolveFonts(fontMode) : undefined))
      .catch(() => undefined);
  });
}

/** Closes the process-wide renderer's browser (tests; the web host on shutdown). */
export async function closeSharedPdfRenderer(): Promise<void> {
  await shared?.renderer.close();
}

/** Joins PDFs into one (long printouts rendered in parts), titled like the parts. */
export async function mergePdfs(parts: Uint8Array[], title?: string): Promise<Uint8Array> {
  if (parts.length === 1) return parts[0]!;
  const out = await PDFDocument.create();
  if (title) out.setTitle(title);
  for (const part of parts) {
    const doc = await PDFDocument.load(part);
    const pages = await out.copyPages(doc, doc.getPageIndices());
    for (const p of pages) out.addPage(p);
  }
  return out.save();
}
