/**
 * The documents of the opinions area, registered with the one print channel
 * (core/print/documentKinds.ts): 复函 of one or many replies (the persons table attached
 * when there are many), a reply's persons list, and the landscape lists of replies and
 * requests. Issued replies are laid out from their stored model (core/issuedDocuments).
 */
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import { CONCLUSION_LABELS, REPLY_STATUS_LABELS, type OpinionDocumentRequest, type ReplyDetail } from './contract';
import { getReplyDetail, listReplies } from './replies';
import { listRequests } from './requests';
import { readOfficeSettings } from '../settings/queries';
import { localIsoDate } from '../shared/dates';
import { blankPage, type Page } from '../print/compose';
import type { LetterSettings } from '../print/contract';
import type { DocumentKinds, LaidDocument, LayoutSteps } from '../print/documentKinds';
import { safeFileName } from '../print/documents';
import { layoutList, type ListData } from '../print/listPrintout';
import { layoutReplyLetter, replyLetterData, replyTitle, type ReplyLetterData } from './replyLetter';
import { readIssued } from '../issuedDocuments/store';
import type { PrintedTarget } from '../issuedDocuments/printed';
import { storedReplyLetter, type ReplyDocumentModel } from './issuedModel';
import { chineseDate } from '../print/text';
import { readLetterSettings } from '../print/letterSettings';
import { visibleRows } from '../recusal/hidden';

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

export function loadReplies(ctx: HandlerContext, ids: readonly string[]): ReplyDetail[] {
  const today = localIsoDate(ctx.now());
  return ids.map((id) => {
    const d = getReplyDetail(ctx.db, id, today);
    if (!d) throw notFound('回复');
    return d;
  });
}

/** Reply letters, one after another, as one document (one letter, or a batch titled by its count). */
export function replyLettersLaid(ctx: HandlerContext, details: ReplyDetail[], duplex: boolean): LaidDocument {
  const settings = readLetterSettings(ctx.db);
  const today = localIsoDate(ctx.now());
  // Issued replies are laid out from their stored model (replyLetterSource), drafts from the live records.
  const { pages, warnings } = replyLetterPages(ctx.db, details, settings, duplex, today);
  const first = details[0]!;
  const firstLetter = replyLetterSource(ctx.db, first, settings, today).data;
  const title = details.length === 1 ? replyTitle(firstLetter.persons) : `廉政意见回复复函${details.length}份`;
  return {
    title,
    fileBase: details.length === 1 ? `${first.docNumber ?? '未签发'} ${title}` : `${title}（${today}）`,
    pages,
    landscape: false,
    letterCount: details.length,
    warnings,
    // One issued reply: its PDF is the archival copy the core keeps (issued_documents).
    archival: details.length === 1 && first.status === 'issued' && !!first.issuedDocument,
    // Several issued replies: kept as first printed together (printed_documents).
    printed: replyBatchTarget(ctx.db, details, duplex),
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

/** A PDF job (批量打印) reads its replies this many at a time, so its progress moves and 取消 stops between them. */
export const CHUNK = 10;

/** The replies of a PDF job, read CHUNK at a time (letters read of all reported), then laid out as one document. */
async function replyLettersInSteps(ctx: HandlerContext, request: Of<'replyLetters'>, steps: LayoutSteps): Promise<LaidDocument> {
  const ids = request.replyIds;
  const details: ReplyDetail[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    if (steps.signal.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
    details.push(...loadReplies(ctx, ids.slice(i, i + CHUNK)));
    steps.report(Math.min(ids.length, i + CHUNK), ids.length);
    await new Promise((r) => setImmediate(r)); // let progress polls and 取消 in between
  }
  if (steps.signal.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
  return replyLettersLaid(ctx, details, request.duplex);
}

/** Previews of up to this many letters get their PDF made ahead (prefetch.ts). */
const PREFETCH_MAX_LETTERS = 20;

/** A landscape list: one letter, no warnings, printed fresh each time. */
function list(data: ListData, fileBase: string): LaidDocument {
  return {
    title: data.title,
    fileBase,
    pages: layoutList(data),
    landscape: true,
    letterCount: 1,
    warnings: [],
    archival: false,
    printed: null,
  };
}

type Of<K extends OpinionDocumentRequest['kind']> = Extract<OpinionDocumentRequest, { kind: K }>;

export const opinionDocumentKinds: DocumentKinds<OpinionDocumentRequest> = {
  replyLetters: {
    reads: 'opinionReplies.get',
    layOut: (ctx, request: Of<'replyLetters'>) => replyLettersLaid(ctx, loadReplies(ctx, request.replyIds), request.duplex),
    // 批量打印 is a PDF job of many replies: progress in letters read, then pages written.
    letters: (request: Of<'replyLetters'>) => request.replyIds.length,
    layOutInSteps: replyLettersInSteps,
    // One reply: its archival PDF once issued, found without laying the letter out.
    archival: (ctx, request: Of<'replyLetters'>) => {
      if (request.replyIds.length !== 1) return null;
      const id = request.replyIds[0]!;
      const status = ctx.db.prepare('SELECT status FROM opinion_replies WHERE id = ?').pluck().get(id) as string | undefined;
      if (!status) return null;
      return {
        target: { kind: 'opinionReply', recordId: id, voided: status === 'voided' },
        fileName: (doc) => `${safeFileName(`${doc.docNumber ?? ''} ${replyTitle((doc.model as ReplyDocumentModel).letter.persons)}`)}.pdf`,
      };
    },
    // Previews of up to 20 letters get their PDF made ahead; a batch goes through the job.
    prefetch: (request: Of<'replyLetters'>) => request.replyIds.length <= PREFETCH_MAX_LETTERS,
  },
  replyPersons: {
    reads: 'opinionReplies.get',
    prefetch: false,
    layOut: (ctx, request: Of<'replyPersons'>) => {
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
      return list(data, `${d!.docNumber ?? '未签发'} 人员及意见`);
    },
  },
  repliesList: {
    reads: 'opinionReplies.list',
    prefetch: false,
    layOut: async (ctx, request: Of<'repliesList'>) => {
      const items = [];
      for (let page = 1, seen = 0; ; page++) {
        const res = await listReplies({ ...request, page, pageSize: 200 }, ctx);
        seen += res.items.length;
        items.push(...visibleRows(res.items)); // not the records of a person this account is recused from (回避)
        if (seen >= res.total || !res.items.length || seen >= 5000) break;
      }
      const data: ListData = {
        title: '廉政意见回复台账',
        subtitle: `共${items.length}条\u3000打印日期：${chineseDate(localIsoDate(ctx.now()))}\u3000${office(ctx.db).authorityName}`,
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
      return list(data, `廉政意见回复台账（${localIsoDate(ctx.now())}）`);
    },
  },
  requestsList: {
    reads: 'opinionRequests.list',
    prefetch: false,
    layOut: async (ctx, request: Of<'requestsList'>) => {
      const items = [];
      for (let page = 1, seen = 0; ; page++) {
        const res = await listRequests({ ...request, page, pageSize: 200 }, ctx);
        seen += res.items.length;
        items.push(...visibleRows(res.items)); // not the records of a person this account is recused from (回避)
        if (seen >= res.total || !res.items.length || seen >= 5000) break;
      }
      const data: ListData = {
        title: '征求意见函登记台账',
        subtitle: `共${items.length}条\u3000打印日期：${chineseDate(localIsoDate(ctx.now()))}\u3000${office(ctx.db).authorityName}`,
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
      return list(data, `征求意见函登记台账（${localIsoDate(ctx.now())}）`);
    },
  },
};
