import type { HandlerContext } from '../host/context';
import type { ValidInput } from '../api';
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import { returnStaleReviews } from './replies';
import type { HandlerMap } from '../host/handler';
import { peopleByIds } from '../people/search';
import { localIsoDate } from '../shared/dates';
import { fromRow, selectColumns, toColumnValues } from '../shared/rows';
import { LISTED_FIELDS, REQUEST_FIELDS, type ListedValues, type RequestDetail, type RequestSummary, type RequestValues } from './contract';
import { linesFromFile } from './importFile';
import { requestListImporter } from './importList';
import { commitRecordRows } from '../exchange/importRecords';
import { matchLines } from './matching';
import { readOpinionSettings } from './settings';
import { addWorkingDays } from './workingDays';
import { paged } from '../shared/paged';

/** A row of `opinion_requests` (the fields' columns, REQUEST_FIELDS) with its due date and reply. */
type RequestRow = Record<string, unknown> & {
  id: string;
  rev: number;
  due_date: string;
  person_count: number;
  reply_status: RequestSummary['replyStatus'];
  reply_doc_number: string | null;
};

export const REQUEST_SUMMARY_SQL = `
  SELECT r.id, r.rev, ${selectColumns('r', REQUEST_FIELDS)}, r.due_date,
         (SELECT count(*) FROM opinion_request_persons x WHERE x.request_id = r.id) AS person_count,
         (SELECT y.status FROM opinion_replies y WHERE y.request_id = r.id AND y.status <> 'voided'
           ORDER BY (y.status = 'issued') DESC, y.created_at DESC LIMIT 1) AS reply_status,
         (SELECT y.doc_number FROM opinion_replies y WHERE y.request_id = r.id AND y.status = 'issued'
           ORDER BY y.issued_at DESC LIMIT 1) AS reply_doc_number
  FROM opinion_requests r`;

export function toRequestSummary(r: RequestRow, today: string): RequestSummary {
  return {
    id: r.id,
    rev: r.rev,
    ...fromRow<RequestValues>(REQUEST_FIELDS, r),
    dueDate: r.due_date,
    personCount: r.person_count,
    replyStatus: r.reply_status,
    replyDocNumber: r.reply_doc_number,
    overdue: r.reply_status !== 'issued' && today > r.due_date,
  };
}

export function getRequestSummary(db: Db, id: string, today: string): RequestSummary | null {
  const row = db.prepare(`${REQUEST_SUMMARY_SQL} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as RequestRow | undefined;
  return row ? toRequestSummary(row, today) : null;
}

export function getRequestDetail(db: Db, id: string, today: string): RequestDetail | null {
  const row = db.prepare(`${REQUEST_SUMMARY_SQL} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as RequestRow | undefined;
  if (!row) return null;
  const links = db.prepare('SELECT * FROM opinion_request_persons WHERE request_id = ? ORDER BY line_no').all(id) as (Record<
    string,
    unknown
  > & { id: string; person_id: string; line_no: number })[];
  const people = new Map(
    peopleByIds(
      db,
      links.map((l) => l.person_id),
    ).map((p) => [p.id, p]),
  );
  const replies = db
    .prepare('SELECT id, status, doc_number, reply_date FROM opinion_replies WHERE request_id = ? ORDER BY created_at')
    .all(id) as { id: string; status: RequestDetail['replies'][number]['status']; doc_number: string | null; reply_date: string }[];
  return {
    ...toRequestSummary(row, today),
    persons: links.flatMap((l) => {
      const p = people.get(l.person_id);
      return p ? [{ ...p, requestPersonId: l.id, lineNo: l.line_no, ...fromRow<ListedValues>(LISTED_FIELDS, l) }] : [];
    }),
    replies: replies.map((r) => ({ id: r.id, status: r.status, docNumber: r.doc_number, replyDate: r.reply_date })),
  };
}

function dueDate(db: Db, received: string): string {
  const settings = readOpinionSettings(db);
  return addWorkingDays(received, settings.dueWorkingDays, settings);
}

/** The row's columns: the fields, and the due date they give. */
const requestColumns = (db: Db, v: RequestValues) => ({
  ...toColumnValues(REQUEST_FIELDS, v),
  due_date: dueDate(db, v.receivedDate),
});

function checkDocNumberFree(db: Db, requester: string, docNumber: string | null, selfId: string | null): void {
  if (!docNumber) return;
  const clash = db
    .prepare('SELECT title FROM opinion_requests WHERE requester = ? AND requester_doc_number = ? AND deleted_at IS NULL AND id IS NOT ?')
    .get(requester, docNumber, selfId) as { title: string } | undefined;
  if (clash)
    throw new AppError('CONFLICT', `${requester}的来函“${docNumber}”已经登记过（${clash.title}），请勿重复登记。`, {
      requesterDocNumber: '来函文号重复',
    });
}

/**
 * The rows of an imported name list, checked again as previewed and written (new persons
 * created, the chosen updates made) inside this save's transaction: any row that no longer
 * checks out as it did, and nothing is saved. Returns every line's person id.
 */
function resolveImportedRows(ctx: HandlerContext, persons: ValidInput<'opinionRequests.create'>['persons']): string[] {
  const ids = persons.map((p) => p.personId);
  const imported = persons.flatMap((p, i) => (p.fromFile ? [{ i, row: p.fromFile }] : []));
  if (imported.length) {
    const written = commitRecordRows(
      ctx,
      requestListImporter,
      imported.map((x) => x.row),
      'update',
      {},
    ).ids;
    imported.forEach(({ i, row }, k) => {
      const got = written[k] ?? null;
      if (ids[i] && got !== ids[i]) {
        throw new AppError(
          'CONFLICT',
          `名单第${row.line}行“${row.values.name ?? ''}”与人员库的核对结果已变化，未保存。请移除该行后重新导入名单。`,
        );
      }
      ids[i] = got;
    });
  }
  if (ids.some((id) => !id)) throw new AppError('VALIDATION', '名单中有未确定的人员，请先处理。', { persons: '有未确定的人员' });
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', '名单中有重复的人员。', { persons: '有重复的人员' });
  return ids as string[];
}

export const requestsHandlers: HandlerMap<
  | 'opinionRequests.matchLines'
  | 'opinionRequests.importFile'
  | 'opinionRequests.create'
  | 'opinionRequests.update'
  | 'opinionRequests.delete'
  | 'opinionRequests.get'
  | 'opinionRequests.list'
> = {
  'opinionRequests.matchLines': (input, { db }) => matchLines(db, input.lines, input.firstLineNo),

  'opinionRequests.importFile': async (input, { db }) => {
    const lines = await linesFromFile(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    if (!lines.length) throw new AppError('VALIDATION', '文件中没有找到人员（需要有“姓名”列，或第一列为姓名）。');
    return matchLines(db, lines, 1);
  },

  'opinionRequests.create': (input, ctx) => {
    const { db, writer, now } = ctx;
    checkDocNumberFree(db, input.requester, input.requesterDocNumber, null);
    const personIds = resolveImportedRows(ctx, input.persons);
    const found = peopleByIds(db, personIds);
    if (found.length !== input.persons.length) {
      throw new AppError('VALIDATION', '名单中有人员不存在或已被删除，请重新核对名单。', { persons: '人员不存在' });
    }
    const id = writer.insert('opinion_requests', requestColumns(db, input));
    input.persons.forEach((p, i) =>
      writer.insert('opinion_request_persons', {
        request_id: id,
        person_id: personIds[i],
        line_no: i + 1,
        ...toColumnValues(LISTED_FIELDS, p),
      }),
    );
    return getRequestDetail(db, id, localIsoDate(now()))!;
  },

  'opinionRequests.update': (input, { db, writer, now }) => {
    const before = getRequestSummary(db, input.id, localIsoDate(now()));
    if (!before) throw notFound('来函');
    if (before.replyStatus === 'issued') throw new AppError('CONFLICT', '该来函已签发回复，登记信息不能再修改。');
    checkDocNumberFree(db, input.requester, input.requesterDocNumber, input.id);
    writer.update('opinion_requests', input.id, input.rev, requestColumns(db, input));
    // A reviewed reply of this request now says something else: back to 待审核 before the answer is built.
    returnStaleReviews(db, writer, now());
    return getRequestDetail(db, input.id, localIsoDate(now()))!;
  },

  'opinionRequests.delete': (input, { db, writer, now }) => {
    const before = getRequestSummary(db, input.id, localIsoDate(now()));
    if (!before) throw notFound('来函');
    if (before.replyStatus === 'issued' || before.replyStatus === 'reviewed') {
      throw new AppError('CONFLICT', '该来函的回复已审核或已签发，不能删除。');
    }
    writer.softDelete('opinion_requests', input.id);
  },

  'opinionRequests.get': (input, { db, now }) => {
    const detail = getRequestDetail(db, input.id, localIsoDate(now()));
    if (!detail) throw notFound('来函');
    return detail;
  },

  'opinionRequests.list': (input, { db, now }) => {
    const today = localIsoDate(now());
    const where = ['r.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (input.query) {
      where.push(`(instr(r.requester, ?) > 0 OR instr(r.title, ?) > 0 OR instr(ifnull(r.requester_doc_number, ''), ?) > 0
        OR r.id IN (SELECT x.request_id FROM opinion_request_persons x JOIN people p ON p.id = x.person_id WHERE p.name = ?))`);
      params.push(input.query, input.query, input.query, input.query);
    }
    const inner = `${REQUEST_SUMMARY_SQL} WHERE ${where.join(' AND ')}`;
    const state =
      input.state === 'open'
        ? "WHERE ifnull(reply_status, '') <> 'issued'"
        : input.state === 'overdue'
          ? "WHERE ifnull(reply_status, '') <> 'issued' AND due_date < ?"
          : input.state === 'replied'
            ? "WHERE reply_status = 'issued'"
            : '';
    const stateParams = input.state === 'overdue' ? [today] : [];
    return paged(
      db,
      {
        sql: `SELECT * FROM (${inner}) ${state}`,
        orderBy: `(ifnull(reply_status, '') = 'issued'), CASE WHEN ifnull(reply_status, '') <> 'issued' THEN due_date END, received_date DESC, id`,
        params: [...params, ...stateParams],
      },
      input,
      (r: RequestRow) => toRequestSummary(r, today),
    );
  },
};

/** One page of the requests list, as the list page filters it: for other areas (the 征求意见函台账 printout). */
export function listRequests(input: ValidInput<'opinionRequests.list'>, ctx: HandlerContext) {
  return requestsHandlers['opinionRequests.list'](input, ctx);
}
