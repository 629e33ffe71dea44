/**
 * From records to laid-out documents: loads what a print request names, applies the
 * template, and returns self-contained HTML.
 */
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import { CONCLUSION_LABELS, REPLY_STATUS_LABELS, type ReplyDetail } from '../opinions/contract';
import { getReplyDetail, listReplies } from '../opinions/replies';
import { listRequests } from '../opinions/requests';
import { readOfficeSettings } from '../settings/queries';
import { localIsoDate } from '../shared/dates';
import { blankPage, renderDocument, type Page } from '../print/compose';
import { type LetterDocument, type LetterSettings } from '../print/contract';
import { type ValidDocumentRequest } from './contract';
import { resolveFonts, type FontSource } from '../print/fonts';
import { layoutList, type ListData } from '../print/listPrintout';
import { layoutReplyLetter, replyLetterData, replyTitle, type ReplyLetterData } from '../opinions/replyLetter';
import { readIssued } from '../issuedDocuments/store';
import type { PrintedTarget } from '../issuedDocuments/printed';
import { storedReplyLetter, type ReplyDocumentModel } from './issuedModels';
import { chineseDate } from '../print/text';

import { readLetterSettings } from '../print/letterSettings';
import { visibleRows } from '../recusal/hidden';

export { LETTER_SETTINGS_KEY, readLetterSettings } from '../print/letterSettings';

/** File names keep the document number's 〔〕 but lose characters Windows refuses. */
export const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(0, 120);

function office(db: Db) {
  const o = readOfficeSettings(db);
  if (!o) throw new AppError('NOT_INITIALIZED', '尚未完成首次设置（发文机关名称）。');
  return o;
}

/**
 * The letter a reply prints: the stored copy once issued (core/issuedDocuments — the
 * live records are not read, so later edits of people, units or settings change
 * nothing), the live records before. Settings are the stored ones for an issued letter.
 */
export function replyLetterSource(
  db: Db,
  detail: ReplyDetail,
  live: LetterSettings,
  today: string,
): { data: ReplyLetterData; settings: LetterSettings } {
  const stored = readIssued<ReplyDocumentModel>(db, 'opinionReply', detail.id);
  if (stored) return { data: storedReplyLetter(stored.model, detail.status === 'voided'), settings: stored.model.settings };
  return { data: replyLetterData(detail, office(db), today), settings: live };
}

/** The pages of reply letters, one letter after another (each numbered from 1). */
export function replyLetterPages(
  db: Db,
  details: ReplyDetail[],
  settings: LetterSettings,
  duplex: boolean,
  today: string,
): { pages: Page[]; warnings: string[] } {
  const pages: Page[] = [];
  const warnings: string[] = [];
  details.forEach((detail, i) => {
    const { data, settings: used } = replyLetterSource(db, detail, settings, today);
    if (!data.issued) {
      warnings.push(
        detail.status === 'voided'
          ? `${detail.docNumber ?? '该回复'}已作废，打印件带“已作废”字样。`
          : `“${replyTitle(data.persons)}”尚未签发：文号待签发时生成，打印件带“未签发”字样。`,
      );
    } else if (data.watermark) warnings.push(`${detail.docNumber ?? '该回复'}已作废，打印件带“已作废”字样。`);
    const letterPages = layoutReplyLetter(data, { settings: used, letter: i + 1 });
    pages.push(...letterPages);
    if (duplex && letterPages.length % 2 === 1 && i < details.length - 1) pages.push(blankPage(letterPages.length + 1, i + 1));
  });
  return { pages, warnings };
}

export interface BuildOptions {
  fontSource?: FontSource;
}

export function loadReplies(ctx: HandlerContext, ids: readonly string[]): ReplyDetail[] {
  const today = localIsoDate(ctx.now());
  return ids.map((id) => {
    const d = getReplyDetail(ctx.db, id, today);
    if (!d) throw notFound('回复');
    return d;
  });
}

/** Reply letters, one after another, as one document (one letter, or a batch titled by its count). */
export function replyLettersDocument(
  ctx: HandlerContext,
  details: ReplyDetail[],
  duplex: boolean,
  fontSource?: FontSource,
): LetterDocument {
  const settings = readLetterSettings(ctx.db);
  const today = localIsoDate(ctx.now());
  // Issued replies are laid out from their stored model (replyLetterSource), drafts from the live records.
  const { pages, warnings } = replyLetterPages(ctx.db, details, settings, duplex, today);
  const first = details[0]!;
  const firstLetter = replyLetterSource(ctx.db, first, settings, today).data;
  const title = details.length === 1 ? replyTitle(firstLetter.persons) : `廉政意见回复复函${details.length}份`;
  const base = details.length === 1 ? `${first.docNumber ?? '未签发'} ${title}` : `${title}（${today}）`;
  return {
    title,
    fileName: `${safeFileName(base)}.pdf`,
    orientation: 'portrait',
    pageCount: pages.length,
    letterCount: details.length,
    warnings,
    html: renderDocument({ title, pages, fonts: resolveFonts(settings.fontMode), landscape: false, ...(fontSource ? { fontSource } : {}) }),
    // One issued reply: its PDF is the archival copy the core keeps (issued_documents).
    archival: details.length === 1 && first.status === 'issued' && !!first.issuedDocument,
  };
}

/**
 * A batch of issued, not voided replies is kept as printed (printed_documents): its
 * content is the stored letters' own hashes, in order, and the duplex choice. A batch with
 * a draft or a voided reply is printed fresh every time (null), as those letters are.
 */
export function replyBatchTarget(db: Db, details: ReplyDetail[], duplex: boolean): PrintedTarget | null {
  if (details.length < 2) return null;
  const letters: { replyId: string; sha256: string }[] = [];
  for (const d of details) {
    const stored = d.status === 'issued' ? readIssued(db, 'opinionReply', d.id) : null;
    if (!stored) return null;
    letters.push({ replyId: d.id, sha256: stored.sha256 });
  }
  return { kind: 'replyBatch', subjectId: null, content: { template: 'replyBatch', version: 1, duplex, letters } };
}

/** Lays out what `request` names. Reading handlers only: nothing is written. */
export async function buildDocument(
  ctx: HandlerContext,
  request: ValidDocumentRequest,
  options: BuildOptions = {},
): Promise<LetterDocument> {
  const { db } = ctx;
  const settings = readLetterSettings(db);
  const fonts = resolveFonts(settings.fontMode);
  const finish = (
    title: string,
    fileBase: string,
    pages: Page[],
    landscape: boolean,
    letterCount: number,
    warnings: string[],
  ): LetterDocument => ({
    title,
    fileName: `${safeFileName(fileBase)}.pdf`,
    orientation: landscape ? 'landscape' : 'portrait',
    pageCount: pages.length,
    letterCount,
    warnings,
    html: renderDocument({ title, pages, fonts, landscape, ...(options.fontSource ? { fontSource: options.fontSource } : {}) }),
  });

  switch (request.kind) {
    case 'replyLetters':
      return replyLettersDocument(ctx, loadReplies(ctx, request.replyIds), request.duplex, options.fontSource);
    case 'replyPersons': {
      const [d] = loadReplies(ctx, [request.replyId]);
      const data: ListData = {
        title: `${d!.request.requester}征求意见人员及回复意见（${d!.docNumber ?? REPLY_STATUS_LABELS[d!.status]}）`,
        subtitle: `来函：${d!.request.title}${d!.request.requesterDocNumber ? `（${d!.request.requesterDocNumber}）` : ''}\u3000用途：${d!.request.purpose}\u3000共${d!.items.length}人\u3000打印日期：${chineseDate(localIsoDate(ctx.now()))}`,
        columns: [
          { label: '序号', width: 12, align: 'center' },
          { label: '姓名', width: 22, align: 'center' },
          { label: '单位', width: 52, align: 'left' },
          { label: '职务', width: 36, align: 'left' },
          { label: '结论', width: 22, align: 'center' },
          { label: '意见', width: 80, align: 'left' },
          { label: '备注', width: 33, align: 'left' },
        ],
        rows: d!.items.map((it, i) => [
          String(i + 1),
          it.person.name,
          it.person.unitPath ?? it.person.unitName ?? '',
          it.person.position ?? '',
          CONCLUSION_LABELS[it.category],
          it.wording,
          [it.remark, it.overrideReason ? `改变结论理由：${it.overrideReason}` : null].filter(Boolean).join('；'),
        ]),
      };
      return finish(data.title, `${d!.docNumber ?? '未签发'} 人员及意见`, layoutList(data), true, 1, []);
    }
    case 'repliesList': {
      const items = [];
      for (let page = 1, seen = 0; ; page++) {
        const res = await listReplies({ ...request, page, pageSize: 200 }, ctx);
        seen += res.items.length;
        items.push(...visibleRows(res.items)); // not the records of a person this account is recused from (回避)
        if (seen >= res.total || !res.items.length || seen >= 5000) break;
      }
      const data: ListData = {
        title: '廉政意见回复台账',
        subtitle: `共${items.length}条\u3000打印日期：${chineseDate(localIsoDate(ctx.now()))}\u3000${office(db).authorityName}`,
        columns: [
          { label: '序号', width: 12, align: 'center' },
          { label: '回复文号', width: 40, align: 'left' },
          { label: '回复日期', width: 28, align: 'center' },
          { label: '来函单位', width: 40, align: 'left' },
          { label: '来函标题', width: 70, align: 'left' },
          { label: '用途', width: 22, align: 'center' },
          { label: '人数', width: 14, align: 'center' },
          { label: '人员', width: 55, align: 'left' },
          { label: '状态', width: 18, align: 'center' },
        ],
        rows: items.map((r, i) => [
          String(i + 1),
          r.docNumber ?? '',
          chineseDate(r.replyDate),
          r.requester,
          r.requestTitle,
          r.purpose,
          String(r.personCount),
          r.names,
          REPLY_STATUS_LABELS[r.status],
        ]),
      };
      return finish(data.title, `廉政意见回复台账（${localIsoDate(ctx.now())}）`, layoutList(data), true, 1, []);
    }
    case 'requestsList': {
      const items = [];
      for (let page = 1, seen = 0; ; page++) {
        const res = await listRequests({ ...request, page, pageSize: 200 }, ctx);
        seen += res.items.length;
        items.push(...visibleRows(res.items)); // not the records of a person this account is recused from (回避)
        if (seen >= res.total || !res.items.length || seen >= 5000) break;
      }
      const data: ListData = {
        title: '征求意见函登记台账',
        subtitle: `共${items.length}条\u3000打印日期：${chineseDate(localIsoDate(ctx.now()))}\u3000${office(db).authorityName}`,
        columns: [
          { label: '序号', width: 12, align: 'center' },
          { label: '来函单位', width: 40, align: 'left' },
          { label: '来函文号', width: 36, align: 'left' },
          { label: '来函标题', width: 76, align: 'left' },
          { label: '收文日期', width: 28, align: 'center' },
          { label: '用途', width: 22, align: 'center' },
          { label: '人数', width: 14, align: 'center' },
          { label: '办理期限', width: 28, align: 'center' },
          { label: '回复', width: 40, align: 'left' },
        ],
        rows: items.map((r, i) => [
          String(i + 1),
          r.requester,
          r.requesterDocNumber ?? '',
          r.title,
          chineseDate(r.receivedDate),
          r.purpose,
          String(r.personCount),
          `${chineseDate(r.dueDate)}${r.overdue ? '（已超期）' : ''}`,
          r.replyDocNumber ?? (r.replyStatus ? REPLY_STATUS_LABELS[r.replyStatus] : '未回复'),
        ]),
      };
      return finish(data.title, `征求意见函登记台账（${localIsoDate(ctx.now())}）`, layoutList(data), true, 1, []);
    }
  }
}
