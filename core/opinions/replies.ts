import type { ValidInput } from '../api';
import type { Db } from '../../db/open';
import { allocateDocNumber, voidDocNumber } from '../docNumbers/docNumbers';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import type { Writer } from '../host/writer';
import type { HandlerMap } from '../host/handler';
import { pendingOfPeople } from '../pendingMatters/queries';
import { peopleByIds } from '../people/search';
import { readImpactSettings, sanctionsOfPeople } from '../sanctions/queries';
import { readOfficeSettings } from '../settings/queries';
import { localIsoDate, parseDate } from '../shared/dates';
import { chineseDate } from '../print/text';
import { describeAsDifference, contactChanges } from '../issuedDocuments/changes';
import { replyDocumentModel, replyLetterChanges, type ReplyDocumentModel } from './issuedModel';
import { readLetterSettings } from '../print/letterSettings';
import { replyLetterData } from './replyLetter';
import { freezeDocument, issuedInfo, readIssued } from '../issuedDocuments/store';
import { canonicalJson } from '../shared/canonical';
import { CURRENT_IMPACT_RULES } from '../sanctions/impactRules';
import { proposeConclusion } from './assessment';
import { reviewChanges, reviewContentOf, reviewHash, type ReviewContent } from './review';
import { fromRow, toColumnValues } from '../shared/rows';
import {
  CHECK_FIELDS,
  CONCLUSIONS,
  ITEM_FIELDS,
  type CheckValues,
  type Conclusion,
  type ItemValues,
  type SectionCheck,
  type Findings,
  type Purpose,
  type ReplyDetail,
  type ReplyStatus,
  type ReplySummary,
} from './contract';
import { getRequestSummary } from './requests';
import { readOpinionSettings } from './settings';
import { paged } from '../shared/paged';

interface ReplyRow {
  id: string;
  rev: number;
  request_id: string;
  status: ReplyStatus;
  reply_date: string;
  doc_number: string | null;
  supersedes_id: string | null;
  created_by: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  issued_by: string | null;
  issued_at: string | null;
  void_reason: string | null;
  review_content: string | null;
  review_sha256: string | null;
  review_reset_reason: string | null;
  review_reset_at: string | null;
}

const userName = (db: Db, id: string | null) =>
  id ? ((db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(id) as string | undefined) ?? null) : null;

/**
 * Checks every person of a request as of `asOf` and proposes a conclusion for each.
 * Reads the registers for all persons in three queries, whatever their number.
 */
export function assessPersons(db: Db, personIds: readonly string[], purpose: Purpose, asOf: string) {
  const sanctions = sanctionsOfPeople(db, personIds);
  const pending = pendingOfPeople(db, personIds);
  const { commendationReading } = readImpactSettings(db);
  return personIds.map((id) => ({
    personId: id,
    ...proposeConclusion(sanctions.get(id) ?? [], pending.get(id) ?? [], purpose, asOf, commendationReading),
  }));
}

export function getReplyDetail(db: Db, id: string, today: string): ReplyDetail | null {
  const r = db.prepare('SELECT * FROM opinion_replies WHERE id = ?').get(id) as ReplyRow | undefined;
  if (!r) return null;
  const request = getRequestSummary(db, r.request_id, today);
  if (!request) return null;
  const itemRows = (
    db.prepare('SELECT * FROM opinion_reply_items WHERE reply_id = ? ORDER BY line_no').all(id) as (Record<string, unknown> & {
      id: string;
      rev: number;
      person_id: string;
      line_no: number;
      proposed_category: Conclusion;
      findings: string;
    })[]
  ).map((row) => ({ row, values: fromRow<ItemValues>(ITEM_FIELDS, row) }));
  const people = new Map(
    peopleByIds(
      db,
      itemRows.map((i) => i.row.person_id),
    ).map((p) => [p.id, p]),
  );
  const checks: SectionCheck[] = (
    db.prepare('SELECT * FROM opinion_section_checks WHERE reply_id = ? ORDER BY created_at').all(id) as (Record<string, unknown> & {
      id: string;
    })[]
  ).map((c) => ({ id: c.id, ...fromRow<CheckValues>(CHECK_FIELDS, c) }));
  const sections = readOpinionSettings(db).checkSections;
  const counts = Object.fromEntries(CONCLUSIONS.map((c) => [c, 0])) as Record<Conclusion, number>;
  for (const i of itemRows) counts[i.values.category]++;
  const detail: ReplyDetail = {
    id: r.id,
    rev: r.rev,
    status: r.status,
    replyDate: r.reply_date,
    docNumber: r.doc_number,
    supersedesId: r.supersedes_id,
    supersedesDocNumber: r.supersedes_id
      ? ((db.prepare('SELECT doc_number FROM opinion_replies WHERE id = ?').pluck().get(r.supersedes_id) as string | null) ?? null)
      : null,
    request,
    items: itemRows.flatMap(({ row: i, values }) => {
      const person = people.get(i.person_id);
      if (!person) return [];
      return [
        {
          id: i.id,
          rev: i.rev,
          lineNo: i.line_no,
          person,
          proposedCategory: i.proposed_category,
          ...values,
          findings: JSON.parse(i.findings) as Findings,
        },
      ];
    }),
    checks,
    missingSections: sections.filter((s) => !checks.some((c) => c.section === s)),
    draftedBy: userName(db, r.created_by),
    reviewedBy: userName(db, r.reviewed_by),
    reviewedAt: r.reviewed_at,
    issuedBy: userName(db, r.issued_by),
    issuedAt: r.issued_at,
    voidReason: r.void_reason,
    counts,
    contentHash: '',
    reviewedHash: r.review_sha256,
    reviewResetReason: r.review_reset_reason,
    reviewResetAt: r.review_reset_at,
    letterDate: r.issued_at ? localIsoDate(new Date(r.issued_at)) : today,
    issuedDocument: null,
  };
  detail.contentHash = reviewHash(reviewContentOf(db, detail));
  const stored = readIssued<ReplyDocumentModel>(db, 'opinionReply', r.id);
  if (stored) detail.issuedDocument = issuedInfo(db, stored, storedReplyDifferences(db, stored.model, detail, today));
  return detail;
}

/** Where the live records now say something else than the stored letter (information for the detail page). */
function storedReplyDifferences(db: Db, model: ReplyDocumentModel, detail: ReplyDetail, today: string): string[] {
  const office = readOfficeSettings(db);
  if (!office) return [];
  const live = replyLetterData(detail, office, today);
  const changes = [
    ...replyLetterChanges(model.letter, { ...live, asOf: model.letter.asOf }),
    ...contactChanges(model.settings, readLetterSettings(db)),
  ];
  return changes.map(describeAsDifference);
}

/**
 * Sends every reviewed reply whose content no longer matches what was reviewed back to
 * 待审核, with the changes as the reason. The host runs this after every writing call
 * (in its transaction), so a change from anywhere — the request's purpose, a person's
 * unit, the authority's name — cannot slip past the reviewer.
 */
export function returnStaleReviews(db: Db, writer: Writer, now: Date): void {
  const reviewed = db.prepare("SELECT id, review_content, review_sha256 FROM opinion_replies WHERE status = 'reviewed'").all() as {
    id: string;
    review_content: string | null;
    review_sha256: string | null;
  }[];
  const today = localIsoDate(now);
  for (const r of reviewed) {
    const detail = getReplyDetail(db, r.id, today);
    if (!detail || detail.contentHash === r.review_sha256) continue;
    const before = r.review_content ? (JSON.parse(r.review_content) as ReviewContent) : null;
    const reason = before ? reviewChanges(before, reviewContentOf(db, detail)).join('；') : '审核时的内容未曾记录';
    writer.update(
      'opinion_replies',
      r.id,
      null,
      {
        status: 'draft',
        reviewed_by: null,
        reviewed_at: null,
        review_content: null,
        review_sha256: null,
        review_reset_reason: `审核后${reason}，须重新审核。`,
        review_reset_at: now.toISOString(),
      },
      'reviewStale',
    );
  }
}

function loadReply(db: Db, id: string): ReplyRow {
  const r = db.prepare('SELECT * FROM opinion_replies WHERE id = ?').get(id) as ReplyRow | undefined;
  if (!r) throw notFound('回复');
  return r;
}

/** Only drafts change; each other state says why not. */
function requireDraft(r: ReplyRow): void {
  if (r.status === 'draft') return;
  const why: Record<Exclude<ReplyStatus, 'draft'>, string> = {
    reviewed: '该回复已审核，不能再修改；如需修改，请审核人先退回承办。',
    issued: `该回复已签发（${r.doc_number}），不能修改；如需更正，请新建更正回复。`,
    voided: '该回复已作废，不能修改。',
  };
  throw new AppError('CONFLICT', why[r.status]);
}

/**
 * Any change to a reply's content bumps the reply's own revision, so a reviewer or signer
 * who loaded the reply before the change cannot approve what they have not seen.
 */
function touchReply(writer: Writer, replyId: string): void {
  writer.update('opinion_replies', replyId, null, {}, 'edit');
}

/** Creates a draft reply with one assessed item per person of the request. */
function createDraft(ctx: HandlerContext, requestId: string, replyDate: string, supersedesId: string | null): string {
  const { db, writer } = ctx;
  const request = db.prepare('SELECT purpose FROM opinion_requests WHERE id = ? AND deleted_at IS NULL').get(requestId) as
    { purpose: Purpose } | undefined;
  if (!request) throw notFound('来函');
  const persons = db
    .prepare('SELECT person_id, line_no FROM opinion_request_persons WHERE request_id = ? ORDER BY line_no')
    .all(requestId) as { person_id: string; line_no: number }[];
  if (!persons.length) throw new AppError('VALIDATION', '该来函没有人员，无法回复。');
  const id = writer.insert('opinion_replies', {
    request_id: requestId,
    status: 'draft',
    reply_date: replyDate,
    supersedes_id: supersedesId,
  });
  const assessed = assessPersons(
    db,
    persons.map((p) => p.person_id),
    request.purpose,
    replyDate,
  );
  assessed.forEach((a, i) =>
    writer.insert('opinion_reply_items', {
      reply_id: id,
      person_id: a.personId,
      line_no: persons[i]!.line_no,
      proposed_category: a.category,
      category: a.category,
      wording: a.wording,
      findings: JSON.stringify(a.findings),
    }),
  );
  return id;
}

export const repliesHandlers: HandlerMap<
  | 'opinionReplies.create'
  | 'opinionReplies.get'
  | 'opinionReplies.list'
  | 'opinionReplies.updateItem'
  | 'opinionReplies.recordCheck'
  | 'opinionReplies.review'
  | 'opinionReplies.returnToDraft'
  | 'opinionReplies.issue'
  | 'opinionReplies.void'
  | 'opinionReplies.supersede'
  | 'opinionReplies.reassess'
> = {
  'opinionReplies.create': (input, ctx) => {
    const open = ctx.db
      .prepare("SELECT status FROM opinion_replies WHERE request_id = ? AND status IN ('draft', 'reviewed', 'issued') LIMIT 1")
      .pluck()
      .get(input.requestId) as ReplyStatus | undefined;
    if (open === 'issued') throw new AppError('CONFLICT', '该来函已签发回复；如需更正，请在原回复上选择“更正回复”。');
    if (open) throw new AppError('CONFLICT', '该来函已有正在办理的回复，请继续办理该回复。');
    const id = createDraft(ctx, input.requestId, input.replyDate, null);
    return getReplyDetail(ctx.db, id, localIsoDate(ctx.now()))!;
  },

  'opinionReplies.get': (input, { db, now }) => {
    const detail = getReplyDetail(db, input.id, localIsoDate(now()));
    if (!detail) throw notFound('回复');
    return detail;
  },

  'opinionReplies.list': (input, { db }) => {
    const where = ['q.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (input.query) {
      where.push(`(instr(ifnull(y.doc_number, ''), ?) > 0 OR instr(q.requester, ?) > 0 OR instr(q.title, ?) > 0
        OR y.id IN (SELECT i.reply_id FROM opinion_reply_items i JOIN people p ON p.id = i.person_id WHERE p.name = ?))`);
      params.push(input.query, input.query, input.query, input.query);
    }
    if (input.status) {
      where.push('y.status = ?');
      params.push(input.status);
    }
    if (input.dateFrom) {
      where.push('y.reply_date >= ?');
      params.push(input.dateFrom);
    }
    if (input.dateTo) {
      where.push('y.reply_date <= ?');
      params.push(input.dateTo);
    }
    const from = `opinion_replies y JOIN opinion_requests q ON q.id = y.request_id WHERE ${where.join(' AND ')}`;
    type Row = {
      id: string;
      status: ReplyStatus;
      doc_number: string | null;
      reply_date: string;
      request_id: string;
      requester: string;
      title: string;
      purpose: Purpose;
      person_count: number;
      names: string | null;
    };
    return paged(
      db,
      {
        sql: `SELECT y.id, y.status, y.doc_number, y.reply_date, q.id AS request_id, q.requester, q.title, q.purpose,
                (SELECT count(*) FROM opinion_reply_items i WHERE i.reply_id = y.id) AS person_count,
                (SELECT group_concat(name, '、') FROM (SELECT p.name FROM opinion_reply_items i JOIN people p ON p.id = i.person_id
                   WHERE i.reply_id = y.id ORDER BY i.line_no LIMIT 5)) AS names
              FROM ${from}`,
        countSql: `SELECT 1 FROM ${from}`,
        orderBy: 'y.reply_date DESC, y.created_at DESC',
        params,
      },
      input,
      (r: Row): ReplySummary => ({
        id: r.id,
        status: r.status,
        docNumber: r.doc_number,
        replyDate: r.reply_date,
        requestId: r.request_id,
        requester: r.requester,
        requestTitle: r.title,
        purpose: r.purpose,
        personCount: r.person_count,
        names: (r.names ?? '') + (r.person_count > 5 ? `等${r.person_count}人` : ''),
      }),
    );
  },

  'opinionReplies.updateItem': (input, { db, writer, now }) => {
    requireDraft(loadReply(db, input.replyId));
    const item = db
      .prepare('SELECT proposed_category FROM opinion_reply_items WHERE id = ? AND reply_id = ?')
      .get(input.itemId, input.replyId) as { proposed_category: Conclusion } | undefined;
    if (!item) throw notFound('回复条目');
    if (input.category !== item.proposed_category && !input.overrideReason) {
      throw new AppError('VALIDATION', '改变系统建议的结论类别，须填写理由。', { overrideReason: '请填写改变结论的理由' });
    }
    // Keeping the proposal needs no reason.
    const overrideReason = input.category === item.proposed_category ? null : input.overrideReason;
    writer.update('opinion_reply_items', input.itemId, input.rev, toColumnValues(ITEM_FIELDS, { ...input, overrideReason }));
    touchReply(writer, input.replyId);
    return getReplyDetail(db, input.replyId, localIsoDate(now()))!;
  },

  'opinionReplies.recordCheck': (input, { db, writer, now }) => {
    requireDraft(loadReply(db, input.replyId));
    const existing = db
      .prepare('SELECT id FROM opinion_section_checks WHERE reply_id = ? AND section = ?')
      .pluck()
      .get(input.replyId, input.section) as string | undefined;
    const values = toColumnValues(CHECK_FIELDS, input);
    if (existing) writer.update('opinion_section_checks', existing, null, values);
    else writer.insert('opinion_section_checks', { reply_id: input.replyId, ...values });
    touchReply(writer, input.replyId);
    return getReplyDetail(db, input.replyId, localIsoDate(now()))!;
  },

  'opinionReplies.review': (input, { db, writer, now, user }) => {
    const r = loadReply(db, input.id);
    requireDraft(r);
    const detail = getReplyDetail(db, input.id, localIsoDate(now()))!;
    if (detail.missingSections.length) {
      throw new AppError('VALIDATION', `以下科室尚未登记核查，不能审核：${detail.missingSections.join('、')}。`);
    }
    const content = reviewContentOf(db, detail);
    if (input.contentHash && input.contentHash !== detail.contentHash) {
      throw new AppError('CONFLICT', '你看到的复函内容已有变化（来函、人员或意见被修改），请刷新后核对再审核。');
    }
    writer.update(
      'opinion_replies',
      input.id,
      input.rev,
      {
        status: 'reviewed',
        reviewed_by: user!.id,
        reviewed_at: now().toISOString(),
        review_content: canonicalJson(content),
        review_sha256: reviewHash(content),
        review_reset_reason: null,
        review_reset_at: null,
      },
      'review',
    );
    return getReplyDetail(db, input.id, localIsoDate(now()))!;
  },

  'opinionReplies.returnToDraft': (input, { db, writer, now }) => {
    const r = loadReply(db, input.id);
    if (r.status !== 'reviewed') throw new AppError('CONFLICT', '只有已审核、尚未签发的回复可以退回承办。');
    writer.update(
      'opinion_replies',
      input.id,
      input.rev,
      { status: 'draft', reviewed_by: null, reviewed_at: null, review_content: null, review_sha256: null },
      'return',
    );
    return getReplyDetail(db, input.id, localIsoDate(now()))!;
  },

  'opinionReplies.issue': (input, { db, writer, now, user }) => {
    const r = loadReply(db, input.id);
    if (r.status === 'draft' && r.review_reset_reason) throw new AppError('CONFLICT', `不能签发：${r.review_reset_reason}`);
    if (r.status === 'draft') throw new AppError('CONFLICT', '该回复尚未审核，不能签发。请先由审核人审核。');
    if (r.status !== 'reviewed')
      throw new AppError('CONFLICT', r.status === 'issued' ? `该回复已签发（${r.doc_number}）。` : '该回复已作废，不能签发。');
    if (r.rev !== input.rev) throw new AppError('CONFLICT', '该回复已被他人修改，请刷新后再签发。');
    if (!r.review_sha256 || input.reviewedHash !== r.review_sha256) {
      throw new AppError('CONFLICT', '你看到的复函内容与审核通过的内容不一致，请刷新后核对再签发。');
    }
    const office = readOfficeSettings(db);
    if (!office) throw new AppError('NOT_INITIALIZED', '尚未设置发文代字。');
    const at = now();
    // 成文日期 is the 签发 day (GB/T 9704-2012 §7.3.5.3); the number's year is that date's year.
    const letterDate = localIsoDate(at);
    if (r.reply_date > letterDate) {
      throw new AppError(
        'CONFLICT',
        `核查截至日期（${chineseDate(r.reply_date)}）晚于签发日期（${chineseDate(letterDate)}）：复函不能陈述尚未到来之日的情况，请以今天或更早的日期重新核查后再审核、签发。`,
      );
    }
    const docNumber = allocateDocNumber(db, writer, {
      kind: 'opinionReply',
      year: parseDate(letterDate).y,
      prefix: office.docPrefixes.opinionReply,
      entityId: r.id,
      at: at.toISOString(),
      actorId: user!.id,
    });
    writer.update(
      'opinion_replies',
      input.id,
      input.rev,
      { status: 'issued', doc_number: docNumber, issued_by: user!.id, issued_at: at.toISOString() },
      'issue',
    );
    // The letter as issued, stored once: every later view, print and PDF is laid out from it.
    const issued = getReplyDetail(db, input.id, letterDate)!;
    const content = reviewContentOf(db, issued);
    if (reviewHash(content) !== r.review_sha256) {
      const before = JSON.parse(r.review_content!) as ReviewContent;
      throw new AppError('CONFLICT', `不能签发：审核后${reviewChanges(before, content).join('；')}，须重新审核。`);
    }
    const model = replyDocumentModel(issued, office, readLetterSettings(db), letterDate, CURRENT_IMPACT_RULES.version);
    freezeDocument(db, writer, 'opinionReply', r.id, docNumber, model);
    return getReplyDetail(db, input.id, letterDate)!;
  },

  'opinionReplies.void': (input, { db, writer, now, user }) => {
    const r = loadReply(db, input.id);
    if (r.status === 'voided') throw new AppError('CONFLICT', '该回复已经作废。');
    const at = now().toISOString();
    if (r.doc_number) voidDocNumber(db, writer, r.doc_number, input.reason, at);
    writer.update(
      'opinion_replies',
      input.id,
      input.rev,
      { status: 'voided', voided_by: user!.id, voided_at: at, void_reason: input.reason },
      'void',
    );
    return getReplyDetail(db, input.id, localIsoDate(now()))!;
  },

  'opinionReplies.reassess': (input, { db, writer, now }) => {
    const r = loadReply(db, input.id);
    requireDraft(r);
    if (r.rev !== input.rev) throw new AppError('CONFLICT', '该回复已被他人修改，请刷新后再重新核查。');
    const purpose = db.prepare('SELECT purpose FROM opinion_requests WHERE id = ?').pluck().get(r.request_id) as Purpose;
    const items = db.prepare('SELECT id, person_id, proposed_category, category FROM opinion_reply_items WHERE reply_id = ?').all(r.id) as {
      id: string;
      person_id: string;
      proposed_category: Conclusion;
      category: Conclusion;
    }[];
    const fresh = new Map(
      assessPersons(
        db,
        items.map((i) => i.person_id),
        purpose,
        input.replyDate,
      ).map((a) => [a.personId, a]),
    );
    for (const item of items) {
      const a = fresh.get(item.person_id)!;
      // Where the clerk kept the proposal, the new proposal replaces it; an override (with its reason) stays.
      const kept = item.category === item.proposed_category;
      writer.update(
        'opinion_reply_items',
        item.id,
        null,
        kept
          ? { proposed_category: a.category, category: a.category, wording: a.wording, findings: JSON.stringify(a.findings) }
          : { proposed_category: a.category, findings: JSON.stringify(a.findings) },
        'reassess',
      );
    }
    writer.update('opinion_replies', r.id, input.rev, { reply_date: input.replyDate }, 'reassess');
    return getReplyDetail(db, r.id, localIsoDate(now()))!;
  },

  'opinionReplies.supersede': (input, ctx) => {
    const r = loadReply(ctx.db, input.id);
    if (r.status !== 'issued') throw new AppError('CONFLICT', '只有已签发的回复才需要更正；未签发的回复可直接修改。');
    const pending = ctx.db
      .prepare("SELECT 1 FROM opinion_replies WHERE supersedes_id = ? AND status IN ('draft', 'reviewed')")
      .get(input.id);
    if (pending) throw new AppError('CONFLICT', '该回复已有正在办理的更正回复。');
    const id = createDraft(ctx, r.request_id, input.replyDate, r.id);
    return getReplyDetail(ctx.db, id, localIsoDate(ctx.now()))!;
  },
};

/** One page of the replies list, as the list page filters it: for other areas (the 回复台账 printout), which never call this area's handlers. */
export function listReplies(input: ValidInput<'opinionReplies.list'>, ctx: HandlerContext) {
  return repliesHandlers['opinionReplies.list'](input, ctx);
}
