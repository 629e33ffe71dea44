/**
 * The integrity-opinion reply letter (廉政意见回复 复函), in the letter format of
 * GB/T 9704-2012 §10.2, with the persons in the body (few) or in an attached table (many).
 */
import type { ReplyDetail } from './contract';
import type { OfficeSettings } from '../settings/contract';
import { localIsoDate, parseDate } from '../shared/dates';
import type { Page } from '../print/compose';
import type { LetterSettings } from '../print/contract';
import { BLOCK, CELL, LETTER, PT, ROW, SIZE, TITLE_PT, rowTop } from '../print/geometry';
import { tableRow, tableRowBoxes, type TableColumn, type TableStyle } from '../print/table';
import { BODY_METRICS, bodyLineBox, layOutBody, letterHead, pageNumberBox, paragraphRows, type FlowRow } from '../print/letterFormat';
import { breakLines, chineseDate, splitTitle, textWidthMm } from '../print/text';

export interface LetterPerson {
  name: string;
  /** 单位职务 as printed ("市财政局科长"). */
  unitPosition: string;
  wording: string;
  remark: string | null;
}

export interface ReplyLetterData {
  authorityName: string;
  docNumber: string;
  issued: boolean;
  /** 成文日期, YYYY-MM-DD: the day of 签发 (GB/T 9704-2012 §7.3.5.3); the number's year is its year. */
  date: string;
  /** The day the registers were checked as of (回复日期); printed as “截至…” when it is not the 成文日期. */
  asOf?: string;
  requester: string;
  requestTitle: string;
  requesterDocNumber: string | null;
  persons: LetterPerson[];
  supersedesDocNumber: string | null;
  /** Printed across every page when the reply is not issued ("未签发", "已作废"). */
  watermark: string | null;
}

/**
 * The letter as the live records say it now. `today` dates a letter not yet issued as if
 * it were signed today (what 签发 would print); an issued one carries its 签发 day.
 */
export function replyLetterData(detail: ReplyDetail, office: OfficeSettings, today: string): ReplyLetterData {
  const issued = detail.status === 'issued' && !!detail.docNumber;
  const date = detail.issuedAt ? localIsoDate(new Date(detail.issuedAt)) : today;
  const docNumber = detail.docNumber ?? `${office.docPrefixes.opinionReply}〔${parseDate(date).y}〕\u3000号`;
  return {
    authorityName: office.authorityName,
    docNumber,
    issued,
    date,
    asOf: detail.replyDate,
    requester: detail.request.requester,
    requestTitle: detail.request.title,
    requesterDocNumber: detail.request.requesterDocNumber,
    persons: detail.items.map((i) => ({
      name: i.person.name,
      unitPosition: `${i.person.unitName ?? ''}${i.person.position ?? ''}`,
      wording: i.wording,
      remark: i.remark,
    })),
    supersedesDocNumber: detail.supersedesDocNumber,
    watermark: detail.status === 'voided' ? '已作废' : issued ? null : '未签发',
  };
}

/** "关于张三等同志党风廉政情况的复函" (one person: "关于张三同志…"). */
export function replyTitle(persons: readonly { name: string }[]): string {
  const first = persons[0]?.name ?? '';
  return `关于${first}${persons.length > 1 ? '等' : ''}同志党风廉政情况的复函`;
}

export function attachmentTitle(persons: readonly { name: string }[]): string {
  return `${persons[0]?.name ?? ''}等${persons.length}名同志党风廉政情况意见表`;
}

const ensureStop = (s: string) => (/[。！？；]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);
const stripBookTitle = (s: string) => s.trim().replace(/^《/, '').replace(/》$/, '');

/** The body paragraphs (without 主送 and sign-off). */
export function replyBody(d: ReplyLetterData, inlineMax: number): { paragraphs: string[]; attachment: string | null } {
  const incoming = `《${stripBookTitle(d.requestTitle)}》${d.requesterDocNumber ? `（${d.requesterDocNumber}）` : ''}`;
  const inline = d.persons.length <= inlineMax;
  const paragraphs = [
    `你单位${incoming}收悉。经查阅${d.asOf && d.asOf !== d.date ? `截至${chineseDate(d.asOf)}的` : ''}信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，现将${
      inline ? d.persons.map((p) => p.name).join('、') : `${d.persons[0]?.name ?? ''}等${d.persons.length}名`
    }同志的党风廉政情况函复如下${inline ? '：' : '（详见附件）。'}`,
  ];
  if (inline) {
    d.persons.forEach((p, i) => {
      const who = p.unitPosition ? `${p.name}（${p.unitPosition}）` : p.name;
      paragraphs.push(`${d.persons.length > 1 ? `${i + 1}.` : ''}${who}：${ensureStop(p.wording)}${p.remark ? `（${p.remark}）` : ''}`);
    });
  }
  if (d.supersedesDocNumber) paragraphs.push(`本函系对${d.supersedesDocNumber}复函的更正，原复函同时作废。`);
  paragraphs.push('特此函复。');
  return { paragraphs, attachment: inline ? null : attachmentTitle(d.persons) };
}

// ---------------------------------------------------------------------------------

export interface LayoutOptions {
  settings: LetterSettings;
  /** Which letter of a batch (1-based), for data attributes. */
  letter: number;
}

/** Lays out one reply letter (and its attachment) into pages. */
export function layoutReplyLetter(d: ReplyLetterData, o: LayoutOptions): Page[] {
  const { settings } = o;
  const pages: Page[] = [];
  const newPage = (): Page => {
    const p: Page = { boxes: [], number: pages.length + 1, letter: o.letter };
    if (d.watermark) p.boxes.push({ type: 'watermark', text: d.watermark });
    pages.push(p);
    return p;
  };

  // ---- page 1: header, number, title
  const first = newPage();
  const head = letterHead({
    authorityName: d.authorityName,
    redHeader: settings.redHeader,
    docNumber: d.docNumber,
    title: replyTitle(d.persons),
  });
  first.boxes.push(...head.boxes);

  // ---- the flowing text: 主送, body, 附件说明
  const { paragraphs, attachment } = replyBody(d, settings.inlineMaxPersons);
  const flow: FlowRow[] = [];
  flow.push(...paragraphRows(`${d.requester}：`, 'addressee', 0));
  paragraphs.forEach((p, i) => flow.push(...paragraphRows(p, i === 0 ? 'body-first' : 'body')));
  if (attachment) {
    flow.push({ line: null, role: 'fangsong', part: 'blank' });
    // 附件说明: 左空二字 "附件：", the name wraps aligned after the colon.
    const head = '附件：';
    const indent = 2 * CELL;
    const headW = textWidthMm(head, BODY_METRICS);
    const lines = breakLines(attachment, { ...BODY_METRICS, widthMm: BLOCK.width - indent - headW });
    lines.forEach((l, i) =>
      flow.push({
        line: i === 0 ? { text: head + l, indent } : { text: l, indent: indent + headW },
        role: 'fangsong',
        part: 'attachment-note',
      }),
    );
  }

  // ---- the flow on the 22-row grid, then the sign-off
  layOutBody(flow, {
    startRow: LETTER.titleRow + head.titleRows + 1,
    pages,
    newPage,
    authorityName: d.authorityName,
    date: d.date,
    settings,
  });

  // ---- the attachment: a table of every person, header repeated on each page
  if (attachment) pages.push(...attachmentPages(d, attachment, o.letter, pages.length, !!d.watermark));

  // ---- page numbers from page 2
  for (const p of pages) if (p.number >= 2) p.boxes.push(pageNumberBox(p.number));
  return pages;
}

// ---------------------------------------------------------------------------------
// The attached table

export const ATTACHMENT_COLUMNS: TableColumn[] = [
  { label: '序号', width: 13, align: 'center' },
  { label: '姓名', width: 23, align: 'center' },
  { label: '单位职务', width: 48, align: 'left' },
  { label: '意见', width: 52, align: 'left' },
  { label: '备注', width: 20, align: 'left' },
];

/**
 * The attached table's columns sized from what they hold, within the 156 mm block: 序号,
 * 姓名 and an empty 备注 as narrow as their text allows, the standard wording (“未发现影响
 * 提拔使用的问题。”) on one line in 意见 where it fits, and the rest to 单位职务.
 */
export function attachmentColumns(persons: readonly LetterPerson[], style: TableStyle = ATTACHMENT_TABLE_STYLE): TableColumn[] {
  const m = { sizeMm: style.pt * PT, letterSpacingMm: 0 };
  const cell = (texts: string[], label: string, max: number) =>
    Math.min(max, Math.ceil(Math.max(textWidthMm(label, m), ...texts.map((t) => textWidthMm(t, m))) + 2 * style.padX + 0.6));
  const number = cell([String(persons.length)], '序号', 14);
  const name = cell(
    persons.map((p) => p.name),
    '姓名',
    30,
  );
  const remarks = persons.map((p) => p.remark ?? '').filter(Boolean);
  const remark = remarks.length ? cell(remarks, '备注', 30) : cell([], '备注', 14);
  const rest = BLOCK.width - number - name - remark;
  const unitNatural = cell(
    persons.map((p) => p.unitPosition),
    '单位职务',
    rest,
  );
  // 意见 gets what its longest wording needs (up to all but 40 mm), 单位职务 the rest
  const opinion = Math.max(
    rest - Math.max(40, Math.min(unitNatural, rest / 2)),
    Math.min(
      rest - 40,
      cell(
        persons.map((p) => ensureStop(p.wording)),
        '意见',
        rest,
      ),
    ),
  );
  return [
    { label: '序号', width: number, align: 'center' },
    { label: '姓名', width: name, align: 'center' },
    { label: '单位职务', width: rest - opinion, align: 'left' },
    { label: '意见', width: opinion, align: 'left' },
    { label: '备注', width: remark, align: 'left' },
  ];
}

export const ATTACHMENT_TABLE_STYLE: TableStyle = {
  pt: SIZE.小四,
  headerPt: SIZE.小四,
  lineHeight: 6.2,
  padX: 1.5,
  padY: 1.4,
  border: 0.25,
};

function attachmentPages(d: ReplyLetterData, title: string, letter: number, pagesBefore: number, watermark: boolean): Page[] {
  const pages: Page[] = [];
  const style = ATTACHMENT_TABLE_STYLE;
  const cols = attachmentColumns(d.persons, style);
  const bottom = BLOCK.top + BLOCK.height;
  const header = tableRow(
    cols.map((c) => c.label),
    cols,
    style,
    style.headerPt,
  );
  let y = 0;
  let p: Page | null = null;
  const start = (firstPage: boolean) => {
    p = { boxes: [], number: pagesBefore + pages.length + 1, letter };
    if (watermark && d.watermark) p.boxes.push({ type: 'watermark', text: d.watermark });
    pages.push(p);
    y = BLOCK.top;
    if (firstPage) {
      // "附件" 黑体 in the first row, the title 小标宋 centred in the third
      p.boxes.push({ ...bodyLineBox(0, { line: { text: '附件' }, role: 'heiti', part: 'attachment-label' }), letterSpacing: 0 });
      const tl = splitTitle(title, Math.floor(BLOCK.width / (TITLE_PT * PT)) - 1);
      p.boxes.push({
        type: 'text',
        x: BLOCK.left,
        y: rowTop(2),
        w: BLOCK.width,
        lineHeight: ROW,
        role: 'xiaobiaosong',
        pt: TITLE_PT,
        align: 'center',
        lines: tl.map((t) => ({ text: t })),
        part: 'attachment-title',
      });
      y = rowTop(2 + tl.length + 1);
    }
    p.boxes.push(...tableRowBoxes(BLOCK.left, y, header, cols, style, true, true));
    y += header.height;
  };
  start(true);
  d.persons.forEach((person, i) => {
    const row = tableRow([String(i + 1), person.name, person.unitPosition, ensureStop(person.wording), person.remark ?? ''], cols, style);
    if (y + row.height > bottom + 1e-6) start(false);
    p!.boxes.push(...tableRowBoxes(BLOCK.left, y, row, cols, style, false, false));
    y += row.height;
  });
  return pages;
}
