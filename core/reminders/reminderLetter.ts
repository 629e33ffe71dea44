/**
 * 廉洁提醒函 in the letter format of GB/T 9704-2012 §10.2 (same geometry as the reply
 * letter: red 发文机关标志 and double lines, number flush right, 22 rows of 28
 * characters, sign-off with the seal area over sender and date, page numbers from page
 * 2), and its 签收单 (receipt sheet: every addressee with blank 签收人 / 签收日期 columns).
 *
 * Templates only place text in boxes; compose.ts escapes every string when it renders.
 */
import type { ReminderDetail } from './contract';
import type { OfficeSettings } from '../settings/contract';
import { parseDate } from '../shared/dates';
import type { Page, TextLine } from '../print/compose';
import type { LetterSettings } from '../print/contract';
import { A4, BLOCK, CELL, LETTER, PT, ROW, SIZE, TITLE_PT } from '../print/geometry';
import { numberPages } from '../print/listPrintout';
import { tableRow, tableRowBoxes, type TableColumn, type TableStyle } from '../print/table';
import { BODY_METRICS, layOutBody, letterHead, pageNumberBox, paragraphRows, type FlowRow } from '../print/letterFormat';
import { breakLines, chineseDate, textWidthMm } from '../print/text';

export interface ReminderLetterData {
  authorityName: string;
  docNumber: string;
  issued: boolean;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  title: string;
  /** 主送, as printed ("市财政局", "张三同志"). */
  addressees: string[];
  /** Body paragraphs: the text with the 严禁事项 numbered where it introduces them (placeKeyPoints), then the feedback request. */
  paragraphs: string[];
  attachments: string[];
  copyTo: string | null;
  /** Printed across every page when not issued ("未印发", "已作废"). */
  watermark: string | null;
}

const ensureStop = (s: string) => (/[。！？；：]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);

/** How an addressee is named on paper: a unit by its path read as one name, a person as "张三同志". */
export function printedAddressee(a: ReminderDetail['addressees'][number]): string {
  if (a.kind === 'unit') return a.name.split('／').join('');
  return `${a.name.split('（')[0] ?? a.name}同志`;
}

export function reminderLetterData(d: ReminderDetail, office: OfficeSettings): ReminderLetterData {
  const issued = d.status === 'issued' && !!d.docNumber;
  const paragraphs = placeKeyPoints(
    d.body
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean),
    d.keyPoints,
  );
  if (d.kind === '工作提醒函' && d.feedbackDueDate) paragraphs.push(`请于${chineseDate(d.feedbackDueDate)}前将落实情况书面反馈。`);
  return {
    authorityName: office.authorityName,
    docNumber: d.docNumber ?? `${office.docPrefixes.reminderLetter}〔${parseDate(d.letterDate).y}〕\u3000号`,
    issued,
    date: d.letterDate,
    title: d.title,
    addressees: d.addressees.map(printedAddressee),
    paragraphs,
    attachments: d.attachments,
    copyTo: d.copyTo,
    watermark: d.status === 'voided' ? '已作废' : issued ? null : '未印发',
  };
}

/**
 * “抄送：” and the units, the lines after the first hanging under the first unit (after
 * the colon, not under 抄). Lines break between units, so no unit's name is split; only a
 * unit too long for a line on its own is broken inside.
 */
export function copyToLines(copyTo: string, widthMm: number, m: { sizeMm: number; letterSpacingMm: number }): TextLine[] {
  const head = '抄送：';
  const headW = textWidthMm(head, m);
  const units = ensureStop(copyTo)
    .split(/(?<=[，、；,;。])/)
    .map((u) => u.trim())
    .filter(Boolean);
  const lines: TextLine[] = [];
  let current = '';
  const flush = () => {
    if (current) lines.push(lines.length ? { text: current, indent: headW } : { text: head + current });
    current = '';
  };
  for (const unit of units) {
    if (textWidthMm(current + unit, m) <= widthMm - headW + 1e-6) {
      current += unit;
      continue;
    }
    flush();
    if (textWidthMm(unit, m) <= widthMm - headW + 1e-6) current = unit;
    else {
      const parts = breakLines(unit, { ...m, widthMm: widthMm - headW });
      parts.slice(0, -1).forEach((t) => {
        current = t;
        flush();
      });
      current = parts[parts.length - 1] ?? '';
    }
  }
  flush();
  return lines;
}

/**
 * Where the template puts the numbered 严禁事项: right after the paragraph that introduces
 * them (one ending “如下：” or “如下。”, e.g. “现就有关事项提醒如下：”), else after the body.
 */
export function placeKeyPoints(body: string[], keyPoints: string[]): string[] {
  if (!keyPoints.length) return body;
  const at = body.findIndex((p) => /如下[：:。]?$/.test(p));
  const items = keyPoints.map((k, i) => `${i + 1}.${ensureStop(k)}`);
  return at < 0 ? [...body, ...items] : [...body.slice(0, at + 1), ...items, ...body.slice(at + 1)];
}

// ---------------------------------------------------------------------------------
// The letter (the same grid and parts as the reply letter, replyLetter.ts)

/** Lays out one reminder letter into pages. */
export function layoutReminderLetter(d: ReminderLetterData, o: { settings: LetterSettings; letter?: number }): Page[] {
  const { settings } = o;
  const letter = o.letter ?? 1;
  const pages: Page[] = [];
  const newPage = (): Page => {
    const p: Page = { boxes: [], number: pages.length + 1, letter };
    if (d.watermark) p.boxes.push({ type: 'watermark', text: d.watermark });
    pages.push(p);
    return p;
  };

  // ---- page 1: header, number, title
  const first = newPage();
  const head = letterHead({ authorityName: d.authorityName, redHeader: settings.redHeader, docNumber: d.docNumber, title: d.title });
  first.boxes.push(...head.boxes);

  // ---- the flowing text: 主送, body, 附件说明
  const flow: FlowRow[] = [];
  if (d.addressees.length) flow.push(...paragraphRows(`${d.addressees.join('、')}：`, 'addressee', 0));
  d.paragraphs.forEach((p, i) => flow.push(...paragraphRows(p, i === 0 ? 'body-first' : 'body')));
  if (d.attachments.length) {
    flow.push({ line: null, role: 'fangsong', part: 'blank' });
    const head = '附件：';
    const indent = 2 * CELL;
    const headW = textWidthMm(head, BODY_METRICS);
    d.attachments.forEach((a, i) => {
      const item = d.attachments.length > 1 ? `${i + 1}.${a}` : a;
      const lead = d.attachments.length > 1 ? textWidthMm(`${i + 1}.`, BODY_METRICS) : 0;
      const lines = breakLines(item, {
        ...BODY_METRICS,
        widthMm: BLOCK.width - indent - headW,
        firstWidthMm: BLOCK.width - indent - headW,
      });
      lines.forEach((l, j) =>
        flow.push({
          line:
            j === 0
              ? { text: (i === 0 ? head : '') + l, indent: i === 0 ? indent : indent + headW }
              : { text: l, indent: indent + headW + lead },
          role: 'fangsong',
          part: 'attachment-note',
        }),
      );
    });
  }

  // ---- the flow on the 22-row grid, then the sign-off
  const { signPage: sp, lastRow } = layOutBody(flow, {
    startRow: LETTER.titleRow + head.titleRows + 1,
    pages,
    newPage,
    authorityName: d.authorityName,
    date: d.date,
    settings,
  });

  // ---- 版记: 抄送 at the foot of the last page. The letter format has no 分隔线 (GB/T 9704
  // §10.2.3: only the document format's 版记 has rules), so none are drawn.
  if (d.copyTo) {
    const size = SIZE.四号;
    const lines = copyToLines(d.copyTo, BLOCK.width - 2 * CELL, { sizeMm: size * PT, letterSpacingMm: 0 });
    const lh = ROW * 0.8;
    const top = BLOCK.top + BLOCK.height - lines.length * lh;
    // A row of the text block it would share with the sign-off sends it to a page of its own.
    const target = lastRow + 1 >= Math.floor((top - 0.5 - BLOCK.top) / ROW) ? newPage() : sp;
    target.boxes.push({
      type: 'text',
      x: BLOCK.left + CELL,
      y: top,
      w: BLOCK.width - 2 * CELL,
      lineHeight: lh,
      role: 'fangsong',
      pt: size,
      align: 'left',
      lines,
      part: 'copy-to',
    });
  }

  for (const p of pages) if (p.number >= 2) p.boxes.push(pageNumberBox(p.number));
  return pages;
}

// ---------------------------------------------------------------------------------
// 签收单: a portrait table for the addressees to sign

export const RECEIPT_MARGIN = { left: 20, right: 20, top: 20, bottom: 22 } as const;
export const RECEIPT_COLUMNS: TableColumn[] = [
  { label: '序号', width: 14, align: 'center' },
  { label: '主送单位（个人）', width: 72, align: 'left' },
  { label: '签收人', width: 32, align: 'center' },
  { label: '签收日期', width: 32, align: 'center' },
  { label: '备注', width: 20, align: 'left' },
];
const RECEIPT_STYLE: TableStyle = { pt: SIZE.四号, headerPt: SIZE.四号, lineHeight: 6.8, padX: 1.5, padY: 2.2, border: 0.3 };
/** Room for a handwritten name. */
export const RECEIPT_ROW_MIN = 14;

export interface ReceiptSheetData {
  authorityName: string;
  docNumber: string;
  title: string;
  date: string;
  addressees: string[];
  watermark: string | null;
}

export function receiptSheetData(d: ReminderDetail, office: OfficeSettings): ReceiptSheetData {
  return receiptSheetOf(reminderLetterData(d, office));
}

/** The 签收单 of a letter as laid out: an issued letter's from its stored copy, so renamed units change nothing. */
export function receiptSheetOf(letter: ReminderLetterData): ReceiptSheetData {
  return {
    authorityName: letter.authorityName,
    docNumber: letter.docNumber,
    title: letter.title,
    date: letter.date,
    addressees: letter.addressees,
    watermark: letter.watermark,
  };
}

export function layoutReceiptSheet(d: ReceiptSheetData): Page[] {
  const width = A4.width - RECEIPT_MARGIN.left - RECEIPT_MARGIN.right;
  const bottom = A4.height - RECEIPT_MARGIN.bottom;
  const x = RECEIPT_MARGIN.left;
  const pages: Page[] = [];
  const header = tableRow(
    RECEIPT_COLUMNS.map((c) => c.label),
    RECEIPT_COLUMNS,
    RECEIPT_STYLE,
  );
  let y = 0;
  let current: Page | null = null;
  const start = (): Page => {
    const p: Page = { boxes: [], number: pages.length + 1, letter: 1 };
    if (d.watermark) p.boxes.push({ type: 'watermark', text: d.watermark });
    pages.push(p);
    y = RECEIPT_MARGIN.top;
    if (pages.length === 1) {
      p.boxes.push({
        type: 'text',
        x,
        y,
        w: width,
        lineHeight: 12,
        role: 'xiaobiaosong',
        pt: TITLE_PT,
        align: 'center',
        lines: [{ text: '廉洁提醒函签收单' }],
        part: 'receipt-title',
      });
      y += 15;
      const infoMetrics = { sizeMm: SIZE.四号 * PT, letterSpacingMm: 0 };
      const info = [
        `文号：${d.docNumber}`,
        `标题：${d.title}`,
        `成文日期：${chineseDate(d.date)}\u3000主送对象共${d.addressees.length}个\u3000发文机关：${d.authorityName}`,
      ];
      const lines = info.flatMap((t) => breakLines(t, { ...infoMetrics, widthMm: width }));
      p.boxes.push({
        type: 'text',
        x,
        y,
        w: width,
        lineHeight: 7.5,
        role: 'fangsong',
        pt: SIZE.四号,
        align: 'left',
        lines: lines.map((text) => ({ text })),
        part: 'receipt-info',
      });
      y += lines.length * 7.5 + 3;
    }
    p.boxes.push(...tableRowBoxes(x, y, header, RECEIPT_COLUMNS, RECEIPT_STYLE, true, true));
    y += header.height;
    return p;
  };
  current = start();
  d.addressees.forEach((name, i) => {
    const base = tableRow([String(i + 1), name, '', '', ''], RECEIPT_COLUMNS, RECEIPT_STYLE);
    const r = { ...base, height: Math.max(base.height, RECEIPT_ROW_MIN) };
    if (y + r.height > bottom + 1e-6) current = start();
    current!.boxes.push(...tableRowBoxes(x, y, r, RECEIPT_COLUMNS, RECEIPT_STYLE, false, false));
    y += r.height;
  });
  numberPages(pages, { x, y: A4.height - RECEIPT_MARGIN.bottom + 6, w: width });
  return pages;
}
