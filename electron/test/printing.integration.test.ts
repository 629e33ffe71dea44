/**
 * Printing in the shell (electron/printing.ts) with the stand-in electron module: the
 * real core (CoreHost on SQLite) lays out the documents, the real app:// handler serves
 * them to the print window, and the stand-in records what Electron would be asked to do.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { Envelope } from '../../core/api';
import { renderDocument } from '../../core/print/compose';
import { DEFAULT_LETTER_SETTINGS, type LetterDocument } from '../../core/print/contract';
import { resolveFonts } from '../../core/print/fonts';
import { closeSharedPdfRenderer, findChromium } from '../../core/print/pdf';
import { layoutReplyLetter, type ReplyLetterData } from '../../core/opinions/replyLetter';
import { makeHost, type TestHost } from '../../core/testing';
import { INVOKE_IPC_CHANNEL, PRINT_IPC_CHANNEL } from '../allowList';
import { startApp } from '../app';
import { handleAppProtocol } from '../appProtocol';
import type { CoreInvoker } from '../ipcRelay';
import { PrintDocumentStore } from '../printDocuments';
import {
  fontWaitScript,
  MESSAGES,
  registerPrintRelay,
  safePdfFileName,
  type PrintResult,
  type PrintWindowLike,
  type PrintWindowOptions,
} from '../printing';
import { createFakeElectron, type FakeElectronOptions, type WebContentsBehaviour } from './fakeElectron';
import { assertHardened, startOptions } from './fixtures';
import { InProcessCore } from './inProcessCore';

const APP_FRAME = 'app://qinglian/letters/reply/1';
const FONTS_LOADED = { status: 'loaded', fonts: 3, faces: 9, failed: 0 };
const HAS_LOWERCASE_LATIN = /[a-z]/; // a message with zod's English or a key name in it

let host: TestHost;
let rendererDir: string;
before(async () => {
  host = await makeHost();
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-print-ui-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>清廉台账</title>');
});
after(() => {
  host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-print-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

/** The core as the main process sees it (CoreClient.invoke), recording the calls. */
function recordingCore(inner: CoreInvoker = { invoke: (c, i, s) => host.raw(c, i, s) }) {
  const calls: Array<[string, unknown, string | null]> = [];
  const core: CoreInvoker = {
    invoke(channel, input, sessionId) {
      calls.push([channel, structuredClone(input), sessionId]);
      return inner.invoke(channel, input, sessionId);
    },
  };
  return { core, calls };
}

interface SetupOptions {
  core?: CoreInvoker;
  webContents?: Partial<WebContentsBehaviour>;
  saveDialog?: FakeElectronOptions['saveDialog'];
  /** Wraps each created print window (to make loadURL fail, …). */
  wrapWindow?: (window: PrintWindowLike) => PrintWindowLike;
  timeouts?: { loadMs?: number; fontsMs?: number; printDialogMs?: number };
}

async function setup(options: SetupOptions = {}) {
  const fake = createFakeElectron({
    webContents: { executeJavaScript: () => FONTS_LOADED, ...options.webContents },
    ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
  });
  await fake.emitReady();
  const documents = new PrintDocumentStore();
  handleAppProtocol(fake.protocol, rendererDir, documents);
  const recorded = recordingCore(options.core);
  const warnings: string[] = [];
  const service = registerPrintRelay(fake.ipcMain, {
    core: recorded.core,
    documents,
    createWindow: (o: PrintWindowOptions) => {
      const window = new fake.BrowserWindow(o);
      return options.wrapWindow ? options.wrapWindow(window) : window;
    },
    dialog: fake.electron.dialog,
    parentWindow: () => 'the-main-window',
    log: { warn: (message) => warnings.push(message) },
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  const print = (job: unknown, frame: string | null = APP_FRAME) =>
    fake.ipcMain.invoke(PRINT_IPC_CHANNEL, frame, job) as Promise<Envelope<PrintResult>>;
  return { fake, documents, service, print, coreCalls: recorded.calls, warnings };
}

const listJob = (action: 'print' | 'pdf', sessionId: string | null = host.session) => ({
  action,
  request: { kind: 'requestsList' as const, state: 'all' as const },
  sessionId,
});

function assertError(result: Envelope<unknown>, code: string, pattern: RegExp) {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) return;
  assert.equal(result.error.code, code, result.error.message);
  assert.match(result.error.message, pattern);
  assert.match(result.error.message, /[\u4e00-\u9fa5]/, 'Chinese');
}

/** A real reply letter laid out by the core (portrait), for a core stand-in that answers letters.document. */
function replyLetterDocument(over: Partial<LetterDocument> = {}): LetterDocument {
  const data: ReplyLetterData = {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕7号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: '关于征求张三同志党风廉政意见的函',
    requesterDocNumber: '某组函〔2025〕12号',
    persons: [
      {
        name: '张三<img src=x onerror=alert(1)>',
        unitPosition: '县财政局副局长',
        wording: '未发现该同志有违反党风廉政建设规定的问题',
        remark: null,
      },
    ],
    supersedesDocNumber: null,
    watermark: null,
  };
  const pages = layoutReplyLetter(data, { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
  return {
    title: '关于张三同志党风廉政情况的复函',
    fileName: '某纪廉复〔2025〕7号 关于张三同志党风廉政情况的复函.pdf',
    orientation: 'portrait',
    pageCount: pages.length,
    letterCount: 1,
    html: renderDocument({ title: '复函', pages, fonts: resolveFonts('bundled-only'), landscape: false }),
    warnings: [],
    ...over,
  };
}

const standInCore = (doc: LetterDocument): CoreInvoker => ({
  invoke: (channel) =>
    Promise.resolve(
      channel === 'letters.document' ? { ok: true, value: doc } : { ok: false, error: { code: 'INTERNAL', message: '未预期' } },
    ),
});
const replyJob = { action: 'pdf', request: { kind: 'replyLetters', replyIds: ['0b6f3c1e-2a4d-4c8e-9f10-1234567890ab'] }, sessionId: 's1' };

// ---------------------------------------------------------------------------------

test('the print window: fresh, hidden, hardened, never throttled, no preload; the document comes from the core over app:// with both CSPs', async () => {
  let seen: { url: string; status: number; headers: Record<string, string>; body: string } | null = null;
  const file = path.join(base, '台账.pdf');
  const { fake, print, coreCalls, documents, service } = await setup({
    saveDialog: () => ({ canceled: false, filePath: file }),
    webContents: {
      executeJavaScript: (code, contents) => {
        seen = contents.loadedPage;
        assert.match(code, /document\.fonts\.load\(/);
        assert.match(code, /document\.fonts\.ready/);
        assert.equal(documents.size, 1, 'served while the job runs');
        return FONTS_LOADED;
      },
    },
  });
  const result = await print(listJob('pdf'));
  assert.ok(result.ok, JSON.stringify(result));

  // the document was fetched by main from the core, as the clerk's session
  assert.deepEqual(coreCalls, [['letters.document', { request: { kind: 'requestsList', state: 'all' } }, host.session]]);
  const [window] = fake.BrowserWindow.instances;
  assert.ok(window);
  assert.equal(fake.BrowserWindow.instances.length, 1);
  const o = window.options as PrintWindowOptions;
  assert.equal(o.show, false);
  assert.equal(o.skipTaskbar, true);
  const prefs = o.webPreferences;
  assertHardened(prefs, { devTools: false, preload: undefined }, 'the print window (no bridge)');
  assert.equal(prefs.backgroundThrottling, false, 'fonts and layout must not stall in a hidden window');
  assert.equal(prefs.javascript, true, 'for the font wait (executeJavaScript); the page itself cannot run scripts (CSP)');

  assert.match(window.loadedUrl!, /^app:\/\/qinglian\/__print__\/[0-9a-f]{48}\.html$/);
  assert.ok(seen, 'loaded through the app:// handler before the font wait');
  const page = seen as { status: number; headers: Record<string, string>; body: string };
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type']!, /^text\/html/);
  assert.match(page.headers['content-security-policy']!, /script-src 'self'/, "the app's CSP header");
  assert.match(
    page.body,
    /^<!doctype html>.*<meta http-equiv="Content-Security-Policy" content="default-src 'none';/s,
    "the document's own CSP",
  );
  assert.match(page.body, /征求意见函登记台账/);
  assert.doesNotMatch(page.body, /<script/i);

  // the document no longer served; the hidden window kept for the next job, until disposed
  assert.equal(documents.size, 0);
  const gone = await fake.protocol.handlers.get('app')!(new Request(window.loadedUrl!));
  assert.equal(gone.status, 404);
  assert.equal(window.isDestroyed(), false);
  await print(listJob('pdf'));
  assert.equal(fake.BrowserWindow.instances.length, 1, 'the next job reuses the hidden window');
  assert.equal(window.webContents.pdfCalls.length, 2);
  service.dispose();
  assert.equal(window.isDestroyed(), true);
});

test('保存PDF: save dialog first, then printToPDF with A4, the CSS page size, backgrounds and no API margins; the file is written', async () => {
  const file = path.join(base, '导出', '台账.pdf');
  fs.mkdirSync(path.dirname(file));
  const pdfBytes = new TextEncoder().encode('%PDF-1.7 landscape list');
  const order: string[] = [];
  const { fake, print } = await setup({
    saveDialog: () => {
      order.push('dialog');
      return { canceled: false, filePath: file };
    },
    webContents: {
      executeJavaScript: () => {
        order.push('fonts');
        return FONTS_LOADED;
      },
      printToPDF: () => {
        order.push('pdf');
        return pdfBytes;
      },
    },
  });
  const result = await print(listJob('pdf'));
  assert.deepEqual(result, { ok: true, value: { savedTo: file } });
  assert.deepEqual(order, ['dialog', 'fonts', 'pdf']);
  assert.deepEqual(fs.readFileSync(file), Buffer.from(pdfBytes));
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['台账.pdf'], 'no temporary file left');

  const [dialog] = fake.saveDialogs;
  assert.equal(dialog!.window, 'the-main-window');
  assert.equal(dialog!.options.title, '保存PDF');
  assert.match(dialog!.options.defaultPath, /^征求意见函登记台账（\d{4}-\d{2}-\d{2}）\.pdf$/);
  assert.deepEqual(dialog!.options.filters, [{ name: 'PDF 文件', extensions: ['pdf'] }]);
  assert.ok(dialog!.options.properties.includes('showOverwriteConfirmation'));

  const window = fake.BrowserWindow.instances[0]!;
  const [call] = window.webContents.pdfCalls;
  assert.equal(window.webContents.pdfCalls.length, 1);
  assert.equal(call!.options.pageSize, 'A4');
  assert.equal(call!.options.preferCSSPageSize, true);
  assert.equal(call!.options.printBackground, true);
  assert.equal(call!.options.landscape, true, 'the list is landscape');
  assert.deepEqual(call!.effectiveMargins, { top: 0, bottom: 0, left: 0, right: 0 }, 'margins only in @page');
  assert.equal(window.webContents.printCalls.length, 0);
  assert.equal(window.isDestroyed(), false, 'kept hidden for the next job');

  // the next save dialog opens in the folder used last
  await print(listJob('pdf'));
  assert.equal(path.dirname(fake.saveDialogs[1]!.options.defaultPath), path.dirname(file));
});

/** A real PDF of `pages` blank A4 pages (what printToPDF gives for a page range), titled by Chromium with the page's title. */
async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

test('保存PDF of a long document without the core’s browser: printed ten pages at a time with 第N页/共M页, joined into one titled PDF; 取消 stops it and writes nothing', async () => {
  const file = path.join(base, '长文件.pdf');
  const doc = replyLetterDocument({ title: '关于多人党风廉政情况的复函', pageCount: 23 });
  let gate: (() => void) | null = null;
  let reached: (() => void) | null = null;
  const { fake, print } = await setup({
    core: standInCore(doc),
    saveDialog: () => ({ canceled: false, filePath: file }),
    webContents: {
      printToPDF: async (options) => {
        const [from, to] = String(options.pageRanges).split('-').map(Number);
        if (from === 11) {
          // the second part waits: the page asks how far the PDF is meanwhile
          await new Promise<void>((resolve) => {
            gate = resolve;
            reached?.();
          });
        }
        return blankPdf(to! - from! + 1);
      },
    },
  });
  const idle = await print({ action: 'progress' });
  assert.deepEqual(idle, { ok: true, value: { savedTo: null, progress: null } }, 'no PDF under way');
  const atSecondPart = () => new Promise<void>((resolve) => (gate ? resolve() : (reached = resolve)));

  const saving = print(replyJob);
  await atSecondPart();
  const asked = await print({ action: 'progress' });
  assert.deepEqual(asked, { ok: true, value: { savedTo: null, progress: { done: 10, total: 23, label: '正在生成PDF：第10页/共23页' } } });
  gate!();
  assert.deepEqual(await saving, { ok: true, value: { savedTo: file } });
  const window = fake.BrowserWindow.instances[0]!;
  assert.deepEqual(
    window.webContents.pdfCalls.map((c) => c.options.pageRanges),
    ['1-10', '11-20', '21-23'],
  );
  const saved = await PDFDocument.load(fs.readFileSync(file));
  assert.equal(saved.getPageCount(), 23);
  assert.equal(saved.getTitle(), '关于多人党风廉政情况的复函');

  // 取消 while the second part prints: the job ends CANCELLED, nothing is written
  fs.rmSync(file);
  gate = null;
  const callsBefore = window.webContents.pdfCalls.length; // the window is kept and reused
  const again = print(replyJob);
  await atSecondPart();
  assert.deepEqual(await print({ action: 'cancel' }), {
    ok: true,
    value: { savedTo: null, progress: { done: 10, total: 23, label: '正在生成PDF：第10页/共23页' } },
  });
  gate!();
  assertError(await again, 'CANCELLED', /已取消，PDF没有保存/);
  assert.equal(fs.existsSync(file), false, 'nothing written');
  assert.deepEqual(fs.readdirSync(base), [], 'no temporary file left');
  assert.equal(window.webContents.pdfCalls.length - callsBefore, 2, 'the third part was never printed');
  assert.deepEqual(await print({ action: 'progress' }), { ok: true, value: { savedTo: null, progress: null } });

  // a short document is still one plain print (no page ranges)
  const short = await setup({ core: standInCore(replyLetterDocument()), saveDialog: () => ({ canceled: false, filePath: file }) });
  assert.deepEqual(await short.print(replyJob), { ok: true, value: { savedTo: file } });
  assert.deepEqual(
    short.fake.BrowserWindow.instances[0]!.webContents.pdfCalls.map((c) => c.options.pageRanges),
    [undefined],
  );
  // progress and cancel carry nothing else
  assertError(await print({ action: 'cancel', request: { kind: 'requestsList', state: 'all' } }), 'VALIDATION', /无法打印/);
});

test('打印: print() with the system dialog, A4 page size (Electron ≥ 42), backgrounds, no margins; no save dialog', async () => {
  const { fake, print } = await setup({ core: standInCore(replyLetterDocument()) });
  const result = await print({ ...replyJob, action: 'print' });
  assert.deepEqual(result, { ok: true, value: { savedTo: null } });
  const window = fake.BrowserWindow.instances[0]!;
  assert.deepEqual(window.webContents.printCalls, [
    { silent: false, printBackground: true, pageSize: 'A4', landscape: false, margins: { marginType: 'none' } },
  ]);
  assert.equal(window.webContents.pdfCalls.length, 0);
  assert.equal(fake.saveDialogs.length, 0);
  assert.equal(window.isDestroyed(), false, 'kept hidden for the next job');
  assert.match(window.webContents.loadedPage!.body, /张三&lt;img src=x onerror=alert\(1\)&gt;/, 'the real letter, escaped');
});

test('printouts (提醒函, 签收单, 承诺书) print through the shell too: the document comes from printouts.document, the PDF is written', async () => {
  const unitId = (await host.call('units.create', { name: '市审计局' })).id;
  const letter = await host.call('reminderLetters.create', {
    title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
    kind: '工作提醒函',
    occasion: '中秋国庆',
    year: 2025,
    letterDate: '2025-09-25',
    feedbackDueDate: '2025-10-15',
    keyPoints: ['严禁违规收送节礼'],
    body: '中秋、国庆将至，现提醒如下。',
    attachments: [],
    copyTo: '',
    unitIds: [unitId],
  });
  const file = path.join(base, '提醒函.pdf');
  const { fake, print, coreCalls } = await setup({ saveDialog: () => ({ canceled: false, filePath: file }) });
  for (const request of [
    { kind: 'reminderLetter', letterId: letter.id },
    { kind: 'reminderReceipts', letterId: letter.id },
  ]) {
    const result = await print({ action: 'pdf', request, sessionId: host.session });
    assert.deepEqual(result, { ok: true, value: { savedTo: file } });
    const window = fake.BrowserWindow.instances.at(-1)!;
    assert.match(window.webContents.loadedPage!.body, request.kind === 'reminderLetter' ? /严禁违规收送节礼/ : /签收/);
  }
  assert.deepEqual(
    coreCalls.map(([channel]) => channel),
    ['printouts.document', 'printouts.document'],
  );
  // A printout kind with a letter's fields (or the reverse) is not a document at all.
  assertError(
    await print({ action: 'print', request: { kind: 'reminderLetter', replyIds: [letter.id] }, sessionId: host.session }),
    'VALIDATION',
    /提醒函|不正确/,
  );
});

test('cancelling the print dialog is not an error (the window is kept); a failed print job is reported in Chinese and destroys the window', async () => {
  let answer = { success: false, failureReason: 'Print job canceled' };
  const { fake, print } = await setup({ webContents: { print: () => answer } });
  assert.deepEqual(await print(listJob('print')), { ok: true, value: { savedTo: null } });
  answer = { success: false, failureReason: 'Print job failed' };
  assertError(await print(listJob('print')), 'INTERNAL', /打印未完成（打印失败）.*保存PDF/);
  answer = { success: false, failureReason: 'Invalid printer settings' };
  assertError(await print(listJob('print')), 'INTERNAL', /打印机设置无效/);
  // the cancelled job's window served the first failure; after a failure the next job gets a new one
  assert.equal(fake.BrowserWindow.instances.length, 2);
  assert.ok(fake.BrowserWindow.instances.every((w) => w.isDestroyed()));
});

test('the window is destroyed and nothing is written after a failure (PDF, fonts, loading, a throwing print())', async () => {
  const file = path.join(base, 'x.pdf');
  const cases: Array<[string, SetupOptions, 'print' | 'pdf', RegExp]> = [
    [
      'printToPDF rejects',
      { webContents: { printToPDF: () => Promise.reject(new Error('Failed to generate PDF')) } },
      'pdf',
      /生成PDF失败/,
    ],
    ['fonts time out', { webContents: { executeJavaScript: () => 'timeout' } }, 'pdf', /字体未能及时加载完成/],
    ['a face fails', { webContents: { executeJavaScript: () => ({ ...FONTS_LOADED, failed: 1 }) } }, 'print', /有字体未能加载/],
    [
      'the font script throws',
      { webContents: { executeJavaScript: () => Promise.reject(new Error('Script failed to execute')) } },
      'print',
      /有字体未能加载/,
    ],
    [
      'the font wait hangs',
      { webContents: { executeJavaScript: () => new Promise(() => undefined) }, timeouts: { fontsMs: 1 } },
      'pdf',
      /字体未能及时加载完成/,
    ],
    [
      'loadURL fails',
      {
        wrapWindow: (w) =>
          Object.assign(w, { loadURL: () => Promise.reject(new Error("ERR_FAILED (-2) loading 'app://qinglian/__print__/…'")) }),
      },
      'pdf',
      /打印窗口未能打开/,
    ],
    [
      'print() throws',
      {
        webContents: {
          print: () => {
            throw new Error('Invalid print settings');
          },
        },
      },
      'print',
      /打印时发生意外错误/,
    ],
  ];
  for (const [name, options, action, pattern] of cases) {
    const { fake, print, documents } = await setup({ ...options, saveDialog: () => ({ canceled: false, filePath: file }) });
    const code = 'INTERNAL';
    assertError(await print(listJob(action)), code, pattern);
    assert.equal(fake.BrowserWindow.instances.length, 1, name);
    assert.equal(fake.BrowserWindow.instances[0]!.isDestroyed(), true, `${name}: window destroyed`);
    assert.equal(documents.size, 0, `${name}: document released`);
    assert.equal(fs.existsSync(file), false, `${name}: nothing written`);
    assert.deepEqual(fs.readdirSync(base), [], `${name}: no temporary file`);
  }
});

test('cancelling the save dialog writes nothing and opens no print window', async () => {
  const { fake, print, coreCalls } = await setup({ saveDialog: () => ({ canceled: true, filePath: '' }) });
  assert.deepEqual(await print(listJob('pdf')), { ok: true, value: { savedTo: null } });
  assert.equal(fake.saveDialogs.length, 1);
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(coreCalls.length, 1);
  assert.deepEqual(fs.readdirSync(base), []);
  // an empty path without "canceled" is treated the same
  const other = await setup({ saveDialog: () => ({ canceled: false, filePath: '' }) });
  assert.deepEqual(await other.print(listJob('pdf')), { ok: true, value: { savedTo: null } });
  assert.equal(other.fake.BrowserWindow.instances.length, 0);
});

test('a chosen name without .pdf gets it, and then never overwrites; a name the dialog confirmed is overwritten', async () => {
  const chosen = { path: path.join(base, '台账') };
  const { print } = await setup({ saveDialog: () => ({ canceled: false, filePath: chosen.path }) });
  assert.deepEqual(await print(listJob('pdf')), { ok: true, value: { savedTo: `${chosen.path}.pdf` } });
  fs.writeFileSync(`${chosen.path}.pdf`, 'keep me');
  assertError(await print(listJob('pdf')), 'TARGET_UNWRITABLE', /已有同名文件，未覆盖/);
  assert.equal(fs.readFileSync(`${chosen.path}.pdf`, 'utf8'), 'keep me');

  chosen.path = path.join(base, '旧.PDF');
  fs.writeFileSync(chosen.path, 'old');
  assert.deepEqual(await print(listJob('pdf')), { ok: true, value: { savedTo: chosen.path } });
  assert.match(fs.readFileSync(chosen.path, 'utf8'), /^%PDF-/);
});

test('a folder that is gone (USB stick pulled) gives a Chinese error and leaves nothing behind', async () => {
  const target = path.join(base, 'U盘', '台账.pdf');
  const { print, fake } = await setup({ saveDialog: () => ({ canceled: false, filePath: target }) });
  assertError(await print(listJob('pdf')), 'TARGET_UNWRITABLE', /PDF未能保存到“.*台账\.pdf”：文件夹不存在（U盘可能已拔出）/);
  assert.equal(fake.BrowserWindow.instances[0]!.isDestroyed(), true);
  assert.deepEqual(fs.readdirSync(base), []);
});

test('a sender that is not the app origin is refused: no core call, no window, no dialog', async () => {
  const { fake, print, coreCalls } = await setup({ saveDialog: () => ({ canceled: false, filePath: path.join(base, 'x.pdf') }) });
  for (const frame of [
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///tmp/x.html',
    'app://evil/index.html',
    'app://qinglian:8080/index.html',
    'app://user@qinglian/index.html',
    'data:text/html,hi',
    'about:blank',
    '',
    null,
  ]) {
    assertError(await print(listJob('pdf'), frame), 'FORBIDDEN', /不是来自本程序的页面/);
  }
  assert.deepEqual(coreCalls, []);
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(fake.saveDialogs.length, 0);
});

test('invalid input is refused with a Chinese message, before anything happens; HTML, URLs and paths are not accepted', async () => {
  const { fake, print, coreCalls } = await setup({ saveDialog: () => ({ canceled: false, filePath: path.join(base, 'x.pdf') }) });
  const request = { kind: 'requestsList' };
  const cases: Array<[unknown, RegExp]> = [
    [null, /打印请求不正确/],
    ['print', /打印请求不正确/],
    [{}, /请选择“打印”或“保存PDF”/],
    [{ action: 'fax', request, sessionId: null }, /请选择“打印”或“保存PDF”/],
    [{ action: 'print', sessionId: null }, /不认识的打印内容|打印内容不正确/],
    [{ action: 'print', request: { kind: 'html', html: '<script>alert(1)</script>' }, sessionId: null }, /不认识的打印内容/],
    [{ action: 'pdf', request: 'https://evil.example/letter.html', sessionId: null }, /打印内容不正确|不认识的打印内容/],
    [{ action: 'print', request: { kind: 'replyLetters', replyIds: [] }, sessionId: null }, /请选择要打印的回复/],
    [{ action: 'print', request: { kind: 'replyLetters', replyIds: ['../../etc/passwd'] }, sessionId: null }, /回复编号格式不正确/],
    [
      {
        action: 'print',
        request: { kind: 'replyLetters', replyIds: ['0b6f3c1e-2a4d-4c8e-9f10-1234567890ab'], duplex: 'yes' },
        sessionId: null,
      },
      /打印内容不正确/,
    ],
    [{ action: 'pdf', request, sessionId: null, html: '<h1>伪造的公文</h1>' }, /打印请求含有不认识的内容/],
    [{ action: 'pdf', request, sessionId: null, filePath: '/home/clerk/.bashrc' }, /打印请求含有不认识的内容/],
    [{ action: 'pdf', request, sessionId: 42 }, /登录已失效/],
    [{ action: 'pdf', request, sessionId: 'x'.repeat(500) }, /登录已失效/],
  ];
  for (const [job, pattern] of cases) {
    const result = await print(job);
    assertError(result, 'VALIDATION', pattern);
    assert.match(!result.ok ? result.error.message : '', /^无法打印：/);
    assert.doesNotMatch(
      !result.ok ? result.error.message : '',
      HAS_LOWERCASE_LATIN,
      `no English in: ${!result.ok && result.error.message}`,
    );
  }
  assert.deepEqual(coreCalls, []);
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(fake.saveDialogs.length, 0);
});

test('the core decides who may print: an expired session gets its Chinese error and no window', async () => {
  const { fake, print } = await setup({ saveDialog: () => ({ canceled: false, filePath: path.join(base, 'x.pdf') }) });
  assertError(await print(listJob('pdf', 'no-such-session')), 'UNAUTHENTICATED', /登录已失效/);
  assertError(await print(listJob('print', null)), 'UNAUTHENTICATED', /登录已失效/);
  assertError(
    await print({
      action: 'print',
      request: { kind: 'replyPersons', replyId: '0b6f3c1e-2a4d-4c8e-9f10-1234567890ab' },
      sessionId: host.session,
    }),
    'NOT_FOUND',
    /不存在/,
  );
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(fake.saveDialogs.length, 0);
});

test('a document that is not the letter engine’s output (scripts, no CSP) is refused before it is loaded', async () => {
  const good = replyLetterDocument();
  for (const doc of [
    { ...good, html: good.html.replace('</body>', '<script>alert(1)</script></body>') },
    { ...good, html: good.html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '') },
    { ...good, html: '<p>片段</p>' },
    { ...good, orientation: 'sideways' as never },
  ]) {
    const { fake, print } = await setup({
      core: standInCore(doc),
      saveDialog: () => ({ canceled: false, filePath: path.join(base, 'x.pdf') }),
    });
    assertError(await print({ ...replyJob, action: 'print' }), 'INTERNAL', /排版结果异常/);
    assert.equal(fake.BrowserWindow.instances.length, 0);
  }
});

test('one job at a time: a second request while the print dialog is open is refused (BUSY), and later ones work', async () => {
  let release: () => void = () => undefined;
  const dialogOpen = new Promise<void>((resolve) => {
    release = resolve;
  });
  let jobs = 0;
  const { print, service } = await setup({
    webContents: {
      print: async () => {
        jobs++;
        if (jobs === 1) await dialogOpen;
        return { success: true, failureReason: '' };
      },
    },
  });
  const first = print(listJob('print'));
  for (let i = 0; i < 50 && jobs === 0; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(service.busy, true);
  assertError(await print(listJob('print')), 'BUSY', /上一份文件还在打印或保存/);
  release();
  assert.deepEqual(await first, { ok: true, value: { savedTo: null } });
  assert.equal(service.busy, false);
  assert.deepEqual(await print(listJob('print')), { ok: true, value: { savedTo: null } });
});

test('a print callback that never comes ends the job after the time limit, and the window is destroyed', async () => {
  const { fake, print, service } = await setup({
    webContents: { print: () => new Promise(() => undefined) },
    timeouts: { printDialogMs: 20 },
  });
  assertError(await print(listJob('print')), 'INTERNAL', /打印未完成/);
  assert.equal(fake.BrowserWindow.instances[0]!.isDestroyed(), true);
  assert.equal(service.busy, false);
});

// ---------------------------------------------------------------------------------
// Pieces

test('app:// serves print documents only under /__print__/ with a live token; never the UI as a fallback', async () => {
  const documents = new PrintDocumentStore();
  const fake = createFakeElectron();
  await fake.emitReady();
  handleAppProtocol(fake.protocol, rendererDir, documents);
  const get = (url: string, method = 'GET') => fake.protocol.handlers.get('app')!(new Request(url, { method }));
  const served = documents.add('<!doctype html><title>函</title>');
  const ok = await get(served.url);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), '<!doctype html><title>函</title>');
  assert.match(ok.headers.get('content-security-policy')!, /default-src 'self'/);
  assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await get(served.url, 'HEAD')).status, 200);
  assert.equal((await get(served.url, 'POST')).status, 405);
  for (const url of [
    'app://qinglian/__print__/',
    'app://qinglian/__print__/abc',
    `${served.url}?x=1`,
    served.url.replace('.html', ''),
    served.url.replace(/[0-9a-f]{48}/, '0'.repeat(48)),
    'app://qinglian/__print__/../index.html', // URL parsing folds this to /index.html: the UI, fine
  ]) {
    const response = await get(url);
    if (url.endsWith('../index.html')) assert.equal(response.status, 200);
    else assert.equal(response.status, 404, url);
  }
  served.release();
  assert.equal((await get(served.url)).status, 404);
  assert.equal(documents.size, 0);
});

test('the font wait script: loads every font used, for the characters drawn in it, then waits for fonts.ready', async () => {
  const loads: Array<[string, string]> = [];
  const elements = [
    { style: { fontStyle: 'normal', fontWeight: '400', fontFamily: '"仿宋_GB2312", "Qinglian FangSong"' }, text: '经查阅' },
    { style: { fontStyle: 'normal', fontWeight: '400', fontFamily: '"仿宋_GB2312", "Qinglian FangSong"' }, text: '查无' },
    { style: { fontStyle: 'normal', fontWeight: '700', fontFamily: '"Qinglian XiaoBiaoSong"' }, text: '复函' },
    { style: { fontStyle: 'normal', fontWeight: '400', fontFamily: '"Qinglian SongTi"' }, text: '' },
  ];
  const run = (loadAnswer: (font: string) => Promise<unknown[]>, timeoutMs = 1000) => {
    const context = {
      setTimeout,
      Promise,
      Map,
      Set,
      getComputedStyle: (el: (typeof elements)[number]) => el.style,
      document: {
        querySelectorAll: (selector: string) => {
          assert.equal(selector, '[class*="f-"]');
          return elements.map((e) => ({ ...e, textContent: e.text }));
        },
        fonts: {
          status: 'loaded',
          ready: Promise.resolve(),
          load: (font: string, text: string) => {
            loads.push([font, text]);
            return loadAnswer(font);
          },
        },
      },
    };
    return vm.runInNewContext(fontWaitScript(timeoutMs), context) as Promise<unknown>;
  };
  const result = await run(() => Promise.resolve([{}, {}]));
  assert.deepEqual(JSON.parse(JSON.stringify(result)), { status: 'loaded', fonts: 3, faces: 6, failed: 0 });
  assert.deepEqual(loads, [
    ['normal 400 16px "仿宋_GB2312", "Qinglian FangSong"', '经查阅无'],
    ['normal 700 16px "Qinglian XiaoBiaoSong"', '复函'],
    ['normal 400 16px "Qinglian SongTi"', '测'],
  ]);
  const failed = await run((font) => (font.includes('700') ? Promise.reject(new Error('bad font')) : Promise.resolve([{}])));
  assert.equal((failed as { failed: number }).failed, 1);
  assert.equal(await run(() => new Promise(() => undefined), 10), 'timeout');
});

test('file names proposed in the save dialog are safe on Windows and Linux', () => {
  assert.equal(
    safePdfFileName('某纪廉复〔2025〕7号 关于张三同志党风廉政情况的复函.pdf'),
    '某纪廉复〔2025〕7号 关于张三同志党风廉政情况的复函.pdf',
  );
  assert.equal(safePdfFileName('a/b\\c:d*e?f"g<h>i|j\u0001.pdf'), 'a_b_c_d_e_f_g_h_i_j_.pdf');
  assert.equal(safePdfFileName('../../etc/passwd'), '_.._etc_passwd.pdf');
  assert.equal(safePdfFileName('  .. '), '公文.pdf');
  assert.equal(safePdfFileName('台账'), '台账.pdf');
  assert.ok(safePdfFileName('长'.repeat(400)).length <= 154);
});

// ---------------------------------------------------------------------------------
// Wired into startApp, with the real core server

test('startApp wires qinglian:print: a real document from the core process, a hardened print window, a PDF on disk', async () => {
  const dataDir = path.join(base, 'data');
  const target = path.join(base, '台账.pdf');
  let guarded: boolean | null = null;
  const fake = createFakeElectron({
    fork: (modulePath) => new InProcessCore(modulePath),
    saveDialog: () => ({ canceled: false, filePath: target }),
    webContents: {
      executeJavaScript: (_code, contents) => {
        // the print window's web contents got the app's navigation guards (web-contents-created)
        guarded = contents.fire('will-navigate', 'https://evil.example/') && contents.windowOpen('https://evil.example/').action === 'deny';
        return FONTS_LOADED;
      },
    },
  });
  const shell = startApp(fake.electron, startOptions(base, dataDir, rendererDir))!;
  await fake.emitReady();
  await shell.ready;
  const call = (channel: string, input: unknown, session: string | null = null) =>
    fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', channel, input, session) as Promise<
      Envelope<Record<string, unknown>>
    >;
  const { SETUP_INPUT, ADMIN } = await import('../../core/testing');
  assert.ok((await call('setup.initialize', SETUP_INPUT)).ok);
  const login = await call('auth.login', ADMIN);
  assert.ok(login.ok);
  const sessionId = login.value.sessionId as string;

  const result = (await fake.ipcMain.invoke(PRINT_IPC_CHANNEL, 'app://qinglian/index.html', {
    action: 'pdf',
    request: { kind: 'repliesList' },
    sessionId,
  })) as Envelope<PrintResult>;
  assert.deepEqual(result, { ok: true, value: { savedTo: target } });
  assert.match(fs.readFileSync(target, 'utf8'), /^%PDF-/);
  assert.equal(guarded, true);
  assert.equal(fake.saveDialogs[0]!.window, shell.mainWindow(), 'the save dialog belongs to the main window');
  const printWindow = fake.BrowserWindow.instances[1]!;
  assert.equal(printWindow.webContents.loadedPage?.status, 200);
  assert.match(printWindow.webContents.loadedPage!.body, /廉政意见回复台账/);
  assert.equal(printWindow.isDestroyed(), false, 'kept hidden for the next job');
  assert.equal(shell.mainWindow()!.isDestroyed(), false, 'the main window stays');
  (shell.mainWindow() as unknown as { close(): void }).close();
  assert.equal(printWindow.isDestroyed(), true, 'closing the main window disposes of the print window (it must not keep the app open)');

  // a foreign frame reaching the relay in the wired app is refused too
  const foreign = (await fake.ipcMain.invoke(PRINT_IPC_CHANNEL, 'https://evil.example/', {
    action: 'pdf',
    request: { kind: 'repliesList' },
    sessionId,
  })) as Envelope<unknown>;
  assertError(foreign, 'FORBIDDEN', new RegExp(MESSAGES.foreignSender.slice(0, 6)));

  fake.app.quit();
  for (let i = 0; i < 200 && !fake.app.quitted; i++) await new Promise((r) => setTimeout(r, 5));
});

test(
  '保存PDF of an issued reply writes the core’s archival PDF (the same bytes every time), not a fresh printToPDF',
  { skip: findChromium() ? false : '本机没有 Chromium：跳过' },
  async () => {
    await host.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
    const unitId = (await host.call('units.create', { name: '市统计局' })).id;
    const personId = (await host.call('people.create', { name: '钱七', unitId, position: '科长' })).id;
    const request = await host.call('opinionRequests.create', {
      requester: '市委组织部',
      title: '关于征求钱七同志意见的函',
      receivedDate: '2025-06-30',
      purpose: '提拔',
      persons: [{ personId }],
    });
    const draft = await host.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
    const reviewed = await host.call('opinionReplies.review', { id: draft.id, rev: draft.rev });
    const issued = await host.call('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! });
    const files = [path.join(base, '1.pdf'), path.join(base, '2.pdf')];
    let n = 0;
    const { fake, print, coreCalls } = await setup({ saveDialog: () => ({ canceled: false, filePath: files[n++]! }) });
    const job = { action: 'pdf', request: { kind: 'replyLetters', replyIds: [issued.id] }, sessionId: host.session };
    for (const file of files) assert.deepEqual(await print(job), { ok: true, value: { savedTo: file } });
    const [a, b] = files.map((f) => fs.readFileSync(f));
    assert.ok(a!.subarray(0, 5).toString() === '%PDF-');
    assert.ok(a!.equals(b!), 'byte-identical');
    const kept = await host.call('opinionReplies.get', { id: issued.id });
    assert.equal(kept.issuedDocument!.pdfSha256, createHash('sha256').update(a!).digest('hex'));
    assert.deepEqual(
      coreCalls.map(([channel]) => channel),
      ['letters.document', 'letters.pdf', 'letters.document', 'letters.pdf'],
    );
    assert.equal(fake.BrowserWindow.instances.length, 0, 'no print window: the core made the PDF');
    await closeSharedPdfRenderer();
  },
);
