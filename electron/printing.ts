/**
 * Printing in the desktop shell (issue #4): `qinglian:print` → the letter engine's
 * document, printed from a fresh hidden window with the system print dialog, or saved as
 * a PDF where the clerk chooses in the native save dialog.
 *
 * What the renderer may say: which document (a `DocumentRequest` of core/letters, the
 * same one the preview sends to `letters.document`, or a `PrintoutRequest` — 提醒函,
 * 签收单, 承诺书 — that it sends to `printouts.document`), `print` or `pdf`, and its session.
 * It never sends HTML, a URL or a file path. The main process asks the core for the
 * document itself, as that session (so the core's validation, login and roles apply),
 * and the only path ever written is one the clerk picked in the save dialog.
 *
 * One job:
 *  1. sender frame on app://qinglian/, input valid (zod), no other job running;
 *  2. `letters.document` (or `printouts.document`) from the core → self-contained HTML (fonts inlined, CSP meta,
 *     no scripts); refused if it does not look like that;
 *  3. for a PDF, the save dialog (before rendering: cancelling costs nothing, and the
 *     clerk is not kept waiting before the dialog appears);
 *  4. a hidden BrowserWindow (kept after a job that went well and reused by the next
 *     one for a minute, so a clerk's next letter does not pay for a new window and
 *     renderer process; any failure destroys it) with the app's hardened webPreferences,
 *     `backgroundThrottling: false`, no preload, no devtools; it loads the document from
 *     `app://qinglian/__print__/<token>.html` (electron/printDocuments.ts: the app's CSP
 *     header on top of the document's own CSP; a data: URL would exceed Chromium's 2 MB
 *     URL limit for an ordinary letter);
 *  5. waits for the fonts: `document.fonts.load(font, text)` for every font the pages use,
 *     then `document.fonts.ready` (FONT_WAIT_SCRIPT, via webContents.executeJavaScript);
 *  6. `webContents.print({silent: false, printBackground: true, pageSize: 'A4', …})` or
 *     `printToPDF({pageSize: 'A4', preferCSSPageSize: true, printBackground: true,
 *     margins: 0})` and the file written (temporary file, then renamed). A document of
 *     more than PART_PAGES pages is printed PART_PAGES at a time (`pageRanges`, fonts
 *     loaded once) and joined: the page asks `{action: 'progress'}` for “正在生成PDF：
 *     第N页/共M页”, as the core's PDF job shows it, and `{action: 'cancel'}` stops the
 *     job before the next part; nothing is written then;
 *  7. the document is released whatever happened; the window is kept for the next job
 *     (destroyed after a minute unused, on `dispose()`, and after any failure).
 * Every outcome is an envelope with a Chinese message; the handler never throws.
 *
 * JavaScript in the print window stays enabled, on purpose: the font wait needs
 * executeJavaScript, and whether it runs with `javascript: false` is not something we
 * can rely on. The document itself still cannot run anything: its CSP meta says
 * `default-src 'none'` (no script source at all), the app's CSP header allows only our
 * own script files, the core escapes every text, step 2 refuses a document with a
 * `<script`, and the window has no preload and no Node. did-finish-load alone would not
 * do: it does not wait for the web fonts to be decoded, and a letter printed with a
 * fallback face is wrong (pitfalls.md, electron #14705).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ApiErrorBody, Envelope } from '../core/api';
import { validationIssues } from '../core/host/validation';
import { fileErrorReason } from '../core/shared/fileErrors';
import type { LetterDocument } from '../core/print/contract';
import { mergePdfs, PART_PAGES, pdfProgressLabel } from '../core/print/pdf';
import { PRINT_IPC_CHANNEL } from './allowList';
import { isAppUrl } from './appOrigin';
import type { CoreInvoker, IpcMainLike } from './ipcRelay';
import type { PrintDocumentStore } from './printDocuments';
import { secureWebPreferences, type SecureWebPreferences } from './security';
import {
  PRINTOUT_KINDS,
  printControlSchema,
  printJobSchema,
  type PrintProgress,
  type PrintResult,
  type ValidPrintJob,
} from './shellContract';

// ---------------------------------------------------------------------------------
// Input: the shell contract's print job (electron/shellContract.ts)

export type { PrintResult, ValidPrintJob } from './shellContract';

// ---------------------------------------------------------------------------------
// What is passed to Electron

export const PRINT_WINDOW_SIZE = { width: 794, height: 1123 } as const; // A4 at 96 dpi; layout is in mm anyway

export interface PrintWindowOptions {
  show: false;
  width: number;
  height: number;
  title: string;
  skipTaskbar: true;
  paintWhenInitiallyHidden: true;
  webPreferences: SecureWebPreferences & { javascript: boolean };
}

/** The print window's webPreferences: the app's hardening, no preload, no devtools, never throttled. */
export function printWindowOptions(): PrintWindowOptions {
  return {
    show: false,
    ...PRINT_WINDOW_SIZE,
    title: '清廉台账打印',
    skipTaskbar: true,
    paintWhenInitiallyHidden: true,
    webPreferences: { ...secureWebPreferences({ devTools: false, backgroundThrottling: false }), javascript: true },
  };
}

/**
 * printToPDF: A4 and the page size of the CSS (`@page {size: A4 …; margin: 0}`), no API
 * margins (the layout has its own; API margins would shrink or double them), backgrounds
 * on (the red header lines are boxes with a background). Electron ≥ 21 takes margins in
 * inches; the old `marginType: 'none'` is ignored there and would leave the 1 cm default.
 */
export function pdfOptions(landscape: boolean) {
  return {
    pageSize: 'A4',
    landscape,
    preferCSSPageSize: true,
    printBackground: true,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  } as const;
}

/** print(): the system dialog; Electron ≥ 42 needs pageSize (or usePrinterDefaultPageSize); no deviceName = the default printer. */
export function printOptions(landscape: boolean) {
  return {
    silent: false,
    printBackground: true,
    pageSize: 'A4',
    landscape,
    margins: { marginType: 'none' },
  } as const;
}

export type PdfOptions = ReturnType<typeof pdfOptions>;
export type PrintOptions = ReturnType<typeof printOptions>;

export interface PrintWebContentsLike {
  executeJavaScript(code: string): Promise<unknown>;
  print(options: PrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  /** `pageRanges` ('1-10'): only those pages (a long document printed in parts). */
  printToPDF(options: PdfOptions & { pageRanges?: string }): Promise<Uint8Array>;
}

export interface PrintWindowLike {
  readonly webContents: PrintWebContentsLike;
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
}

export interface SaveDialogLike {
  showSaveDialog(window: unknown, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

// ---------------------------------------------------------------------------------
// Waiting for the fonts

export const FONT_TIMEOUT_MS = 20_000;

/**
 * Run in the print window: loads, for every font the pages use (`.f-<role>` boxes: style,
 * weight and family list as computed), the faces covering the characters drawn in it,
 * then waits for document.fonts.ready. Resolves with a summary, or 'timeout'.
 */
export function fontWaitScript(timeoutMs = FONT_TIMEOUT_MS): string {
  return `(async () => {
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), ${Math.round(timeoutMs)}));
  const work = (async () => {
    const fonts = new Map();
    for (const el of document.querySelectorAll('[class*="f-"]')) {
      const s = getComputedStyle(el);
      const key = s.fontStyle + ' ' + s.fontWeight + ' 16px ' + s.fontFamily;
      const chars = fonts.get(key) || new Set();
      for (const ch of el.textContent || '') chars.add(ch);
      fonts.set(key, chars);
    }
    const loaded = await Promise.all(
      [...fonts].map(([font, chars]) =>
        document.fonts.load(font, [...chars].join('') || '测').then((faces) => faces.length, () => -1),
      ),
    );
    await document.fonts.ready;
    return {
      status: document.fonts.status,
      fonts: fonts.size,
      faces: loaded.filter((n) => n > 0).reduce((a, b) => a + b, 0),
      failed: loaded.filter((n) => n < 0).length,
    };
  })();
  return Promise.race([work, timeout]);
})()`;
}

export interface FontWaitResult {
  status: string;
  fonts: number;
  faces: number;
  failed: number;
}

function isFontWaitResult(value: unknown): value is FontWaitResult {
  const v = value as Partial<FontWaitResult> | null;
  return typeof v === 'object' && v !== null && typeof v.status === 'string' && typeof v.failed === 'number';
}

// ---------------------------------------------------------------------------------
// Errors (Chinese, envelope-shaped)

class PrintError extends Error {
  constructor(
    readonly body: ApiErrorBody,
    readonly detail?: unknown,
  ) {
    super(body.message);
  }
}

const fail = (code: ApiErrorBody['code'], message: string, detail?: unknown) => new PrintError({ code, message }, detail);

export const MESSAGES = {
  foreignSender: '拒绝执行：打印请求不是来自本程序的页面。',
  busy: '上一份文件还在打印或保存，请等它完成后再试。',
  badDocument: '排版结果异常（不是本程序生成的公文页面），已拒绝打印。请重试；仍不行请联系管理员。',
  loadFailed: '打印窗口未能打开要打印的文件，请重试。',
  fontsTimeout: '字体未能及时加载完成。为避免用错字体，本次没有打印，请重试。',
  fontsFailed: '有字体未能加载。为避免用错字体，本次没有打印，请重试；仍不行请在“设置 › 公文打印”中改用程序自带字体。',
  pdfFailed: '生成PDF失败，请重试。',
  noSaveDialog: '本机无法打开“保存文件”对话框，请改用“打印”。',
  internal: '打印时发生意外错误，请重试。',
  cancelled: '已取消，PDF没有保存。',
} as const;

const PRINT_FAILURES: Readonly<Record<string, string>> = {
  'Invalid printer settings': '打印机设置无效',
  'Print job failed': '打印失败',
  'Print job canceled': '已取消',
};

export function printFailedMessage(reason: string): string {
  const why = PRINT_FAILURES[reason] ?? (reason ? `打印失败：${reason.slice(0, 100)}` : '打印失败');
  return `打印未完成（${why}）。请检查打印机后重试，或改用“保存PDF”再打印PDF文件。`;
}

export function writeFailedMessage(target: string, error: unknown): string {
  return `PDF未能保存到“${target}”：${fileErrorReason(error)}。`;
}

const FIELD_LABELS: Readonly<Record<string, string>> = { action: '打印方式', request: '打印内容', sessionId: '登录信息' };

/** For zod's own English messages (a hostile or broken caller); the schema's own are Chinese. */
function printIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return '打印请求含有不认识的内容';
  return `${FIELD_LABELS[String(issue.path[0])] ?? '打印请求'}不正确`;
}

// ---------------------------------------------------------------------------------
// Helpers

/** The core's output, as renderDocument makes it: a full page with its CSP meta and no scripts. */
const MAX_DOCUMENT_CHARS = 200 * 1024 * 1024;
export function isPrintableDocument(doc: unknown): doc is LetterDocument {
  const d = doc as Partial<LetterDocument> | null;
  if (typeof d !== 'object' || d === null) return false;
  if (typeof d.html !== 'string' || typeof d.fileName !== 'string' || typeof d.title !== 'string') return false;
  if (d.orientation !== 'portrait' && d.orientation !== 'landscape') return false;
  const html = d.html;
  if (html.length > MAX_DOCUMENT_CHARS || !/^<!doctype html>/i.test(html)) return false;
  const head = html.slice(0, 2000);
  if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(head)) return false;
  return !/<script|<iframe|<object|<embed|<base\b|http-equiv="refresh"/i.test(html);
}

/** A file name the save dialog can propose: no folder, no characters Windows forbids, ends in .pdf. */
export function safePdfFileName(name: string): string {
  const base = name
    .replace(/\.pdf$/i, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/./gsu, (ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? '_' : ch))
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  return `${base || '公文'}.pdf`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Writes next to the target, then renames: a pulled USB stick or a crash never leaves half a PDF under the chosen name. */
async function writeFileSafely(target: string, data: Uint8Array, mustNotExist: boolean): Promise<void> {
  if (mustNotExist && fs.existsSync(target)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await fs.promises.writeFile(temp, data, { flag: 'wx' });
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------
// The service

export interface PrintServiceDeps {
  core: CoreInvoker;
  documents: PrintDocumentStore;
  createWindow(options: PrintWindowOptions): PrintWindowLike;
  dialog: SaveDialogLike | null;
  /** The window the save dialog belongs to (the main window), or null. */
  parentWindow(): unknown;
  log?: { warn(message: string, detail?: unknown): void };
  timeouts?: { loadMs?: number; fontsMs?: number; printDialogMs?: number };
  /** How long the print window is kept for the next job (default a minute). */
  keepWindowMs?: number;
}

export interface PrintService {
  run(senderUrl: string | undefined, job: unknown): Promise<Envelope<PrintResult>>;
  readonly busy: boolean;
  /** Destroys the print window kept for the next job (the main window closed, the app quits). */
  dispose(): void;
}

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const log = deps.log ?? { warn: (message: string, detail?: unknown) => console.warn(`[print] ${message}`, detail ?? '') };
  const loadMs = deps.timeouts?.loadMs ?? 30_000;
  const fontsMs = deps.timeouts?.fontsMs ?? FONT_TIMEOUT_MS;
  // The system print dialog waits for the clerk; a callback that never comes must not block printing for good.
  const printDialogMs = deps.timeouts?.printDialogMs ?? 15 * 60_000;
  let busy = false;
  /** The PDF being printed: its progress, and whether the clerk asked to stop. */
  let pdfJob: { progress: PrintProgress | null; cancelled: boolean } | null = null;
  let lastFolder: string | null = null;
  const keepWindowMs = deps.keepWindowMs ?? 60_000;
  let kept: PrintWindowLike | null = null;
  let keptTimer: NodeJS.Timeout | null = null;

  function dispose(): void {
    if (keptTimer) clearTimeout(keptTimer);
    keptTimer = null;
    if (kept && !kept.isDestroyed()) kept.destroy();
    kept = null;
  }

  /** The window kept from the last job, or a new one. */
  function takeWindow(): PrintWindowLike {
    if (keptTimer) clearTimeout(keptTimer);
    keptTimer = null;
    const window = kept && !kept.isDestroyed() ? kept : deps.createWindow(printWindowOptions());
    kept = null;
    return window;
  }

  function keepWindow(window: PrintWindowLike): void {
    kept = window;
    keptTimer = setTimeout(dispose, keepWindowMs);
    keptTimer.unref?.();
  }

  async function fetchDocument(job: ValidPrintJob): Promise<LetterDocument> {
    const channel = PRINTOUT_KINDS.has(job.request.kind) ? 'printouts.document' : 'letters.document';
    const envelope = await deps.core.invoke(channel, { request: job.request }, job.sessionId);
    if (!envelope.ok) throw new PrintError(envelope.error);
    if (!isPrintableDocument(envelope.value)) throw fail('INTERNAL', MESSAGES.badDocument);
    return envelope.value;
  }

  /**
   * An issued document's archival PDF from the core (kept at its first PDF, the same bytes
   * every time: core/print/archive.ts). Null when the core has no browser to make the
   * first one: the shell then prints the stored document itself (same text, not archived).
   */
  async function archivalPdf(job: ValidPrintJob): Promise<Uint8Array | null> {
    const channel = PRINTOUT_KINDS.has(job.request.kind) ? 'printouts.pdf' : 'letters.pdf';
    const envelope = await deps.core.invoke(channel, { request: job.request }, job.sessionId);
    if (!envelope.ok) {
      if (envelope.error.code === 'NOT_FOUND') return null;
      throw new PrintError(envelope.error);
    }
    const value = envelope.value as { pdfBase64?: unknown } | null;
    if (typeof value?.pdfBase64 !== 'string') throw fail('INTERNAL', MESSAGES.pdfFailed);
    return Buffer.from(value.pdfBase64, 'base64');
  }

  async function chooseTarget(doc: LetterDocument): Promise<{ file: string; mustNotExist: boolean } | null> {
    if (!deps.dialog) throw fail('INTERNAL', MESSAGES.noSaveDialog);
    const name = safePdfFileName(doc.fileName);
    const answer = await deps.dialog.showSaveDialog(deps.parentWindow(), {
      title: '保存PDF',
      defaultPath: lastFolder ? path.join(lastFolder, name) : name,
      buttonLabel: '保存',
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (answer.canceled || !answer.filePath) return null;
    const chosen = path.resolve(answer.filePath);
    // The dialog confirmed overwriting the chosen name only; with .pdf added, never overwrite.
    if (path.extname(chosen).toLowerCase() === '.pdf') return { file: chosen, mustNotExist: false };
    return { file: `${chosen}.pdf`, mustNotExist: true };
  }

  async function render<T>(doc: LetterDocument, output: (contents: PrintWebContentsLike) => Promise<T>): Promise<T> {
    const served = deps.documents.add(doc.html);
    let window: PrintWindowLike | null = null;
    let ok = false;
    try {
      window = takeWindow();
      const contents = window.webContents;
      await withTimeout(
        window.loadURL(served.url).catch((error: unknown) => {
          throw fail('INTERNAL', MESSAGES.loadFailed, error);
        }),
        loadMs,
        () => fail('INTERNAL', MESSAGES.loadFailed, 'timeout'),
      );
      const fonts = await withTimeout(
        contents.executeJavaScript(fontWaitScript(fontsMs)).catch((error: unknown) => {
          throw fail('INTERNAL', MESSAGES.fontsFailed, error);
        }),
        fontsMs + 5_000,
        () => fail('INTERNAL', MESSAGES.fontsTimeout),
      );
      if (!isFontWaitResult(fonts)) throw fail('INTERNAL', MESSAGES.fontsTimeout, fonts);
      if (fonts.failed > 0) throw fail('INTERNAL', MESSAGES.fontsFailed, fonts);
      const result = await output(contents);
      ok = true;
      return result;
    } finally {
      served.release();
      if (window && !window.isDestroyed()) {
        if (ok) keepWindow(window);
        else window.destroy();
      }
    }
  }

  function printWithDialog(contents: PrintWebContentsLike, landscape: boolean): Promise<{ success: boolean; reason: string }> {
    const printed = new Promise<{ success: boolean; reason: string }>((resolve) => {
      contents.print(printOptions(landscape), (success, failureReason) => resolve({ success, reason: failureReason ?? '' }));
    });
    return withTimeout(printed, printDialogMs, () => fail('INTERNAL', printFailedMessage('')));
  }

  /**
   * printToPDF PART_PAGES pages at a time (the window keeps the document and its fonts
   * between parts), the progress updated after each and `stop` asked before the next;
   * the parts joined, titled as the document. Up to PART_PAGES pages: one plain print.
   */
  async function printInParts(
    contents: PrintWebContentsLike,
    doc: LetterDocument,
    job: { progress: PrintProgress | null },
    stop: () => void,
  ): Promise<Uint8Array> {
    const landscape = doc.orientation === 'landscape';
    const total = Math.max(1, doc.pageCount);
    job.progress = { done: 0, total, label: pdfProgressLabel(0, total) };
    if (total <= PART_PAGES) {
      const pdf = await contents.printToPDF(pdfOptions(landscape));
      job.progress = { done: total, total, label: pdfProgressLabel(total, total) };
      return pdf;
    }
    const parts: Uint8Array[] = [];
    for (let from = 1; from <= total; from += PART_PAGES) {
      stop();
      const to = Math.min(total, from + PART_PAGES - 1);
      parts.push(await contents.printToPDF({ ...pdfOptions(landscape), pageRanges: `${from}-${to}` }));
      job.progress = { done: to, total, label: pdfProgressLabel(to, total) };
    }
    stop();
    return mergePdfs(parts, doc.title);
  }

  async function runJob(job: ValidPrintJob): Promise<PrintResult> {
    const doc = await fetchDocument(job);
    const landscape = doc.orientation === 'landscape';
    if (job.action === 'print') {
      const result = await render(doc, (contents) => printWithDialog(contents, landscape));
      if (result.success || /cancel/i.test(result.reason)) return { savedTo: null };
      throw fail('INTERNAL', printFailedMessage(result.reason), result.reason);
    }
    const target = await chooseTarget(doc);
    if (!target) return { savedTo: null };
    const current = { progress: null as PrintProgress | null, cancelled: false };
    pdfJob = current;
    const stop = () => {
      if (current.cancelled) throw fail('CANCELLED', MESSAGES.cancelled);
    };
    const pdf =
      (doc.archival ? await archivalPdf(job) : null) ??
      (await render(doc, async (contents) => {
        try {
          return await printInParts(contents, doc, current, stop);
        } catch (error) {
          if (error instanceof PrintError) throw error;
          throw fail('INTERNAL', MESSAGES.pdfFailed, error);
        }
      }));
    stop();
    try {
      await writeFileSafely(target.file, pdf, target.mustNotExist);
    } catch (error) {
      throw fail('TARGET_UNWRITABLE', writeFailedMessage(target.file, error), error);
    }
    lastFolder = path.dirname(target.file);
    return { savedTo: target.file };
  }

  return {
    get busy() {
      return busy;
    },
    dispose,
    async run(senderUrl, rawJob) {
      if (!isAppUrl(senderUrl)) {
        log.warn(`refused a print request from ${String(senderUrl ?? 'a destroyed frame').slice(0, 200)}`);
        return { ok: false, error: { code: 'FORBIDDEN', message: MESSAGES.foreignSender } };
      }
      // progress and cancel of the PDF under way: answered while the job runs
      const control = printControlSchema.safeParse(rawJob);
      if (control.success) {
        if (control.data.action === 'cancel' && pdfJob) pdfJob.cancelled = true;
        return { ok: true, value: { savedTo: null, progress: pdfJob?.progress ?? null } };
      }
      const parsed = printJobSchema.safeParse(rawJob);
      if (!parsed.success) {
        const { messages, fields } = validationIssues(parsed.error, printIssueMessage);
        return { ok: false, error: { code: 'VALIDATION', message: `无法打印：${messages.join('；')}。`, fields } };
      }
      if (busy) return { ok: false, error: { code: 'BUSY', message: MESSAGES.busy } };
      busy = true;
      try {
        return { ok: true, value: await runJob(parsed.data) };
      } catch (error) {
        dispose(); // after any failure the next job starts from a new window
        if (error instanceof PrintError) {
          if (error.detail !== undefined) log.warn(error.body.message, error.detail);
          return { ok: false, error: error.body };
        }
        log.warn('print job failed', error);
        return { ok: false, error: { code: 'INTERNAL', message: MESSAGES.internal } };
      } finally {
        busy = false;
        pdfJob = null;
      }
    },
  };
}

/** The `qinglian:print` handler. */
export function registerPrintRelay(ipcMain: IpcMainLike, deps: PrintServiceDeps): PrintService {
  const service = createPrintService(deps);
  ipcMain.handle(PRINT_IPC_CHANNEL, (event, job) => service.run(event.senderFrame?.url, job));
  return service;
}
