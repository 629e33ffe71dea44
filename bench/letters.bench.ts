/**
 * letters.*: reply letters (复函) to PDF, written by the core (core/print/pdfWriter.ts).
 * Every figure has cpu_ms beside it: CPU time of this process and any Chromium it started
 * (bench/cpu.ts), which a loaded machine does not inflate the way it does wall time.
 * - letters.reply_pdf.warm_up: what a login / opening a print page starts (the writer's fonts parsed)
 * - letters.reply_pdf.first: the first letter after that warm-up — target ≤ 1 s
 * - letters.reply_pdf.warm: the next letters (median) — target ≤ 100 ms
 * - letters.reply_pdf.click: 保存PDF on a letter whose preview is open (its PDF was begun
 *   when the preview opened, prefetch.ts): print.pdf through the contract, median
 * - letters.batch100.pdf: 100 issued six-person replies through the contract
 *   (print.pdfStart of replyLetters → polling print.pdfJob, one PDF) — target ≤ 2 s idle
 * - letters.baseline.chromium_*: the same letters printed from their HTML by Chromium, as
 *   every PDF was made before (the writer's figures carry `baseline` (Chromium's ms) and `ratio` (baseline / writer) beside them);
 *   skipped where no Chromium is found.
 * - letters.baseline.soffice_*: LibreOffice converting an equivalent .docx letter headless,
 *   one file and 100 files in one invocation; only where `soffice` is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoreHost } from '../core/host/coreHost';
import { renderDocument, type Page } from '../core/print/compose';
import { DEFAULT_LETTER_SETTINGS } from '../core/print/contract';
import { resolveFonts } from '../core/print/fonts';
import { enablePdfWarmUp, findChromium, PdfRenderer } from '../core/print/pdf';
import { pdfWriter } from '../core/print/pdfWriter';
import { prefetchesSettled } from '../core/print/prefetch';
import { layoutReplyLetter, replyBody, replyTitle, type ReplyLetterData } from '../core/opinions/replyLetter';
import { ADMIN, SETUP_INPUT } from '../core/testing';
import { tempDir } from '../db/testing';
import { measure, treeCpuMs } from './cpu';
import { emit, percentile } from './stats';

const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';
const GIVEN = '伟芳娜敏静丽强磊军洋';
const nameOf = (i: number) => NAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 10]! + GIVEN[(i * 7) % 10]!;

function sixPersonLetter(k: number): ReplyLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: `某纪廉复〔2025〕${k}号`,
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: '关于征求有关同志党风廉政意见的函',
    requesterDocNumber: `某组函〔2025〕${k}号`,
    persons: Array.from({ length: 6 }, (_, i) => ({
      name: nameOf(k * 6 + i),
      unitPosition: '县财政局科长',
      wording: '未发现影响提拔使用的问题',
      remark: null,
    })),
    supersedesDocNumber: null,
    watermark: null,
  };
}

interface Figure {
  ms: number;
  cpuMs: number | null;
}

/** The warm-up, first and warm (median of `count`) figures of one way of making a letter's PDF. */
async function letterFigures(
  warm: () => Promise<unknown>,
  pdf: (k: number) => Promise<unknown>,
  count: number,
): Promise<{ warmUp: Figure; first: Figure; warm: Figure & { p90: number } }> {
  const warmUp = await measure(warm);
  const first = await measure(() => pdf(1));
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < count; i++) {
    const m = await measure(() => pdf(i + 2));
    samples.push(m.ms);
    if (m.cpuMs !== null) cpu.push(m.cpuMs);
  }
  return {
    warmUp,
    first,
    warm: { ms: percentile(samples, 50), p90: Math.round(percentile(samples, 90)), cpuMs: cpu.length ? percentile(cpu, 50) : null },
  };
}

/** baseline / value, as bench/stats.ts defines ratio: how many times faster than Chromium. */
const ratio = (value: number | null, baseline: number | null | undefined) =>
  value === null || !baseline || !value ? undefined : Math.round((baseline / value) * 100) / 100;

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const fonts = resolveFonts(DEFAULT_LETTER_SETTINGS.fontMode);
  const settings = { ...DEFAULT_LETTER_SETTINGS, inlineMaxPersons: 5, contactPerson: '李明', contactPhone: '0731-84561234' };
  const pagesOf = (k: number) => layoutReplyLetter(sixPersonLetter(k), { settings, letter: 1 });
  const source = (pages: Page[]) => ({ title: 't', pages, fonts, landscape: false });
  const n = quick ? 30 : 100;
  const batchPages = () =>
    Array.from({ length: n }, (_, k) => layoutReplyLetter(sixPersonLetter(k + 1), { settings, letter: k + 1 })).flat();

  // The writer first, in a process that has parsed no font yet: warm-up (login / print page), first click, next letters.
  const writer = await letterFigures(
    () => pdfWriter.warm(),
    (k) => pdfWriter.render(source(pagesOf(k))),
    quick ? 5 : 15,
  );

  // Chromium printing the same letters' HTML: the way every PDF was made before (the baseline).
  const chromium = findChromium();
  let baseline: { first: Figure; warm: Figure; batch: Figure } | null = null;
  if (chromium) {
    const renderer = new PdfRenderer(chromium);
    try {
      const html = (pages: Page[]) => renderDocument({ ...source(pages), fontSource: 'served' });
      const f = await letterFigures(
        () => renderer.warm(),
        (k) => renderer.render(html(pagesOf(k))),
        quick ? 5 : 15,
      );
      const batch = await measure(() => renderer.render(html(batchPages())));
      baseline = { first: f.first, warm: f.warm, batch };
      emit({ name: 'letters.baseline.chromium_warm_up', value: f.warmUp.ms, unit: 'ms', cpu_ms: f.warmUp.cpuMs });
      emit({ name: 'letters.baseline.chromium_first', value: f.first.ms, unit: 'ms', cpu_ms: f.first.cpuMs, persons: 6 });
      emit({ name: 'letters.baseline.chromium_warm', value: f.warm.ms, unit: 'ms', p90: f.warm.p90, cpu_ms: f.warm.cpuMs, persons: 6 });
      emit({ name: `letters.baseline.chromium_batch${n}`, value: batch.ms, unit: 'ms', cpu_ms: batch.cpuMs, letters: n });
    } finally {
      await renderer.close();
    }
  } else console.log(JSON.stringify({ name: 'letters.baseline.chromium', skipped: '本机没有 Chromium/Chrome/Edge：对照基准跳过' }));

  emit({
    name: 'letters.reply_pdf.warm_up',
    value: writer.warmUp.ms,
    unit: 'ms',
    cpu_ms: writer.warmUp.cpuMs,
    note: 'at login / print page, before the click',
  });
  emit({
    name: 'letters.reply_pdf.first',
    value: writer.first.ms,
    unit: 'ms',
    cpu_ms: writer.first.cpuMs,
    target: 1000,
    persons: 6,
    baseline: baseline?.first.ms,
    ratio: ratio(writer.first.ms, baseline?.first.ms),
  });
  emit({
    name: 'letters.reply_pdf.warm',
    value: writer.warm.ms,
    unit: 'ms',
    p90: writer.warm.p90,
    cpu_ms: writer.warm.cpuMs,
    target: 100,
    persons: 6,
    baseline: baseline?.warm.ms,
    chromium_cpu_ms: baseline?.warm.cpuMs ?? null,
    ratio: ratio(writer.warm.ms, baseline?.warm.ms),
    cpu_ratio: ratio(writer.warm.cpuMs, baseline?.warm.cpuMs),
  });

  // batch of 100 through the contract, as the 批量打印 page does it
  const { dir, cleanup } = tempDir('qinglian-bench-');
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 'bench', now: () => new Date('2025-07-01T09:00:00+08:00') });
  try {
    const call = async (channel: string, input: unknown) => {
      const env = await host.invoke(channel, input, session);
      if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
      return env.value as never;
    };
    let session: string | null = null;
    await host.invoke('setup.initialize', SETUP_INPUT);
    session = ((await host.invoke('auth.login', ADMIN)) as { ok: true; value: { sessionId: string } }).value.sessionId;
    await call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
    const unit = (await call('units.create', { name: '县财政局' })) as { id: string };
    const ids: string[] = [];
    for (let k = 0; k < n; k++) {
      const persons = [];
      for (let i = 0; i < 6; i++)
        persons.push({
          personId: ((await call('people.create', { name: nameOf(k * 6 + i), unitId: unit.id, position: '科长' })) as { id: string }).id,
        });
      const req = (await call('opinionRequests.create', {
        requester: '中共某某县委组织部',
        requesterDocNumber: `某组函〔2025〕${k + 1}号`,
        title: '关于征求有关同志党风廉政意见的函',
        receivedDate: '2025-06-30',
        purpose: '提拔',
        persons,
      })) as { id: string };
      const draft = (await call('opinionReplies.create', { requestId: req.id, replyDate: '2025-07-01' })) as { id: string; rev: number };
      const reviewed = (await call('opinionReplies.review', { id: draft.id, rev: draft.rev })) as {
        id: string;
        rev: number;
        reviewedHash: string;
      };
      ids.push(
        (
          (await call('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash })) as {
            id: string;
          }
        ).id,
      );
    }
    await call('print.pdf', { request: { kind: 'replyLetters', replyIds: [ids[0]] } });
    // 保存PDF after the preview opened: the preview (print.document) begins the PDF, the click takes it
    enablePdfWarmUp(true);
    const clicks: number[] = [];
    const clickCpu: number[] = [];
    for (let i = 1; i <= (quick ? 5 : 15); i++) {
      const request = { kind: 'replyLetters', replyIds: [ids[i]] };
      await call('print.document', { request });
      await prefetchesSettled();
      const m = await measure(() => call('print.pdf', { request }));
      clicks.push(m.ms);
      if (m.cpuMs !== null) clickCpu.push(m.cpuMs);
    }
    enablePdfWarmUp(false);
    emit({
      name: 'letters.reply_pdf.click',
      value: percentile(clicks, 50),
      unit: 'ms',
      p90: Math.round(percentile(clicks, 90)),
      cpu_ms: clickCpu.length ? percentile(clickCpu, 50) : null,
      target: 100,
      persons: 6,
      note: 'print.pdf after the preview opened (PDF begun with the preview; archived on the click)',
    });
    const m = await measure(async () => {
      type View = { id: string; state: string; result: { pageCount: number; pdfBase64: string } | null };
      let view = (await call('print.pdfStart', { request: { kind: 'replyLetters', replyIds: ids, duplex: false } })) as View;
      while (view.state === 'running') {
        // as often as the 批量打印 page asks (more often would add CPU that grows with wall time)
        await new Promise((r) => setTimeout(r, 300));
        view = (await call('print.pdfJob', { jobId: view.id })) as View;
      }
      return view.result!;
    });
    const file = m.value;
    emit({
      name: `letters.batch${n}.pdf`,
      value: m.ms,
      unit: 'ms',
      cpu_ms: m.cpuMs,
      cpu_ms_per_letter: m.cpuMs === null ? null : Math.round(m.cpuMs / n),
      target: n === 100 ? 2000 : undefined,
      letters: n,
      baseline: baseline?.batch.ms,
      chromium_cpu_ms: baseline?.batch.cpuMs ?? null,
      ratio: ratio(m.ms, baseline?.batch.ms),
      cpu_ratio: ratio(m.cpuMs, baseline?.batch.cpuMs),
      pages: file.pageCount,
      bytes: Math.round((file.pdfBase64.length * 3) / 4),
    });
  } finally {
    host.close();
    cleanup();
  }

  sofficeBaseline(quick ? 20 : 100);
}

/** LibreOffice headless converting an equivalent .docx letter (one, then many in one invocation). */
function sofficeBaseline(count: number): void {
  const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
  if (!soffice) {
    console.log(JSON.stringify({ name: 'letters.baseline.soffice', skipped: 'soffice 未安装（Debian: libreoffice-writer-nogui）' }));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-soffice-'));
  try {
    const files: string[] = [];
    for (let k = 1; k <= count; k++) {
      const file = path.join(dir, `letter${k}.docx`);
      writeDocx(file, sixPersonLetter(k));
      files.push(file);
    }
    const profile = `-env:UserInstallation=file://${path.join(dir, 'profile')}`;
    const convert = (list: string[]) => {
      const cpu0 = treeCpuMs();
      const t = performance.now();
      execFileSync(soffice, [profile, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), ...list], {
        stdio: 'ignore',
        timeout: 600_000,
      });
      const cpu1 = treeCpuMs();
      return { value: performance.now() - t, cpu_ms: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
    };
    convert([files[0]!]); // first start creates the profile
    emit({ name: 'letters.baseline.soffice_one', unit: 'ms', ...convert([files[0]!]) });
    emit({ name: `letters.baseline.soffice_${count}`, unit: 'ms', letters: count, ...convert(files) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal .docx (WordprocessingML) of the letter's text: same paragraphs, 仿宋 16 pt body. */
function writeDocx(file: string, d: ReplyLetterData): void {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const p = (text: string, opts: { size?: number; center?: boolean; right?: boolean; indent?: boolean } = {}) =>
    `<w:p><w:pPr>${opts.center ? '<w:jc w:val="center"/>' : opts.right ? '<w:jc w:val="right"/>' : ''}${opts.indent ? '<w:ind w:firstLineChars="200"/>' : ''}<w:spacing w:line="579" w:lineRule="exact"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/><w:sz w:val="${(opts.size ?? 16) * 2}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  const { paragraphs } = replyBody(d, 5);
  const body = [
    p(d.authorityName, { size: 26, center: true }),
    p(d.docNumber, { right: true }),
    p(replyTitle(d.persons), { size: 22, center: true }),
    p(`${d.requester}：`),
    ...paragraphs.map((t) => p(t, { indent: true })),
    p(d.authorityName, { right: true }),
    p('2025年7月1日', { right: true }),
  ].join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  zipStore(file, {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': doc,
  });
}

/** A ZIP with stored (uncompressed) entries: enough for a .docx. */
function zipStore(file: string, entries: Record<string, string>): void {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, cd, end]));
}
