import type { Db } from '../../db/open';
import { allocateDocNumber, voidDocNumber } from '../docNumbers/docNumbers';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import type { Writer } from '../host/writer';
import { peopleByIds } from '../people/search';
import { readOfficeSettings } from '../settings/queries';
import { freezeDocument, issuedInfo, readIssued } from '../issuedDocuments/store';
import {
  contactChanges,
  describeAsDifference,
  reminderDocumentModel,
  reminderLetterChanges,
  type ReminderDocumentModel,
} from '../letters/issuedModels';
import { readLetterSettings } from '../letters/letterSettings';
import { reminderLetterData } from '../letters/reminderLetter';
import { localIsoDate, parseDate } from '../shared/dates';
import { getUnit, unitPaths } from '../units/queries';
import { Where } from '../shared/where';
import type { Addressee, ReminderDetail, ReminderPoint, ReminderStatus, ReminderSummary } from './contract';
import { paged } from '../shared/paged';

interface LetterRow {
  id: string;
  rev: number;
  status: ReminderStatus;
  doc_number: string | null;
  title: string;
  kind: ReminderSummary['kind'];
  occasion: ReminderSummary['occasion'];
  year: number;
  letter_date: string;
  period_from: string | null;
  period_to: string | null;
  key_points: string;
  body: string;
  attachments: string;
  copy_to: string | null;
  signer: string | null;
  delivery_method: string | null;
  feedback_due_date: string | null;
  derived_from_id: string | null;
  void_reason: string | null;
  addressee_count: number;
  received_count: number;
  feedback_overdue_count: number;
}

const SUMMARY_SQL = `
  SELECT l.*,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id) AS addressee_count,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id AND a.receipt_date IS NOT NULL) AS received_count,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id AND a.feedback_due_date < @today AND a.feedback_date IS NULL) AS feedback_overdue_count
  FROM reminder_letters l`;

function toSummary(r: LetterRow): ReminderSummary {
  return {
    id: r.id,
    rev: r.rev,
    status: r.status,
    docNumber: r.doc_number,
    title: r.title,
    kind: r.kind,
    occasion: r.occasion,
    year: r.year,
    letterDate: r.letter_date,
    addresseeCount: r.addressee_count,
    receivedCount: r.received_count,
    receiptRate: r.addressee_count ? r.received_count / r.addressee_count : 1,
    feedbackOverdueCount: r.kind === '工作提醒函' && r.status === 'issued' ? r.feedback_overdue_count : 0,
  };
}

function loadRow(db: Db, id: string, today: string): LetterRow | null {
  return (db.prepare(`${SUMMARY_SQL} WHERE l.id = @id AND l.deleted_at IS NULL`).get({ id, today }) as LetterRow | undefined) ?? null;
}

export function getReminderDetail(db: Db, id: string, today: string): ReminderDetail | null {
  const r = loadRow(db, id, today);
  if (!r) return null;
  const rows = db.prepare('SELECT * FROM reminder_addressees WHERE letter_id = ? ORDER BY line_no').all(id) as {
    id: string;
    rev: number;
    line_no: number;
    unit_id: string | null;
    person_id: string | null;
    receipt_signer: string | null;
    receipt_date: string | null;
    feedback_due_date: string | null;
    feedback_date: string | null;
  }[];
  const paths = unitPaths(
    db,
    rows.map((a) => a.unit_id),
  );
  const people = new Map(
    peopleByIds(
      db,
      rows.flatMap((a) => (a.person_id ? [a.person_id] : [])),
    ).map((p) => [p.id, p]),
  );
  const addressees: Addressee[] = rows.map((a) => {
    const person = a.person_id ? people.get(a.person_id) : undefined;
    return {
      id: a.id,
      rev: a.rev,
      lineNo: a.line_no,
      kind: a.unit_id ? 'unit' : 'person',
      unitId: a.unit_id,
      personId: a.person_id,
      name: a.unit_id ? (paths.get(a.unit_id) ?? '') : person ? `${person.name}（${person.unitPath ?? '未填单位'}）` : '（已删除的人员）',
      receiptSigner: a.receipt_signer,
      receiptDate: a.receipt_date,
      feedbackDueDate: a.feedback_due_date,
      feedbackDate: a.feedback_date,
      feedbackOverdue: r.status === 'issued' && !!a.feedback_due_date && !a.feedback_date && a.feedback_due_date < today,
    };
  });
  const detail: ReminderDetail = {
    ...toSummary(r),
    periodFrom: r.period_from,
    periodTo: r.period_to,
    keyPoints: JSON.parse(r.key_points) as string[],
    body: r.body,
    attachments: JSON.parse(r.attachments) as string[],
    copyTo: r.copy_to,
    signer: r.signer,
    deliveryMethod: r.delivery_method,
    feedbackDueDate: r.feedback_due_date,
    derivedFromId: r.derived_from_id,
    voidReason: r.void_reason,
    addressees,
    missing: addressees.filter((a) => !a.receiptDate),
    issuedDocument: null,
  };
  const stored = readIssued<ReminderDocumentModel>(db, 'reminderLetter', id);
  if (stored) {
    const office = readOfficeSettings(db);
    const live = office ? reminderLetterData(detail, office) : stored.model.letter;
    const differences = [
      ...reminderLetterChanges(stored.model.letter, live),
      ...contactChanges(stored.model.settings, readLetterSettings(db)),
    ];
    detail.issuedDocument = issuedInfo(db, stored, differences.map(describeAsDifference));
  }
  return detail;
}

type LetterValues = {
  title: string;
  kind: string;
  occasion: string;
  year: number;
  letterDate: string;
  periodFrom: string | null;
  periodTo: string | null;
  keyPoints: string[];
  body: string;
  attachments: string[];
  copyTo: string | null;
  signer: string | null;
  deliveryMethod: string | null;
  feedbackDueDate: string | null;
};

const letterColumns = (v: LetterValues) => ({
  title: v.title,
  kind: v.kind,
  occasion: v.occasion,
  year: v.year,
  letter_date: v.letterDate,
  period_from: v.periodFrom,
  period_to: v.periodTo,
  key_points: JSON.stringify(v.keyPoints),
  body: v.body,
  attachments: JSON.stringify(v.attachments),
  copy_to: v.copyTo,
  signer: v.signer,
  delivery_method: v.deliveryMethod,
  feedback_due_date: v.kind === '工作提醒函' ? v.feedbackDueDate : null,
});

/**
 * Makes the letter's addressees exactly these units and persons: adds the new ones and
 * removes the dropped ones — but never one whose receipt is already recorded.
 */
function setAddressees(db: Db, writer: Writer, letterId: string, unitIds: string[], personIds: string[]): void {
  for (const id of unitIds) if (!getUnit(db, id)) throw new AppError('VALIDATION', '所选单位中有已删除的单位，请重新选择。');
  if (peopleByIds(db, personIds).length !== personIds.length) throw new AppError('VALIDATION', '所选人员中有已删除的人员，请重新选择。');
  const letter = db.prepare('SELECT kind, feedback_due_date FROM reminder_letters WHERE id = ?').get(letterId) as {
    kind: string;
    feedback_due_date: string | null;
  };
  const current = db.prepare('SELECT id, unit_id, person_id, receipt_date FROM reminder_addressees WHERE letter_id = ?').all(letterId) as {
    id: string;
    unit_id: string | null;
    person_id: string | null;
    receipt_date: string | null;
  }[];
  const wantedUnits = new Set(unitIds);
  const wantedPeople = new Set(personIds);
  const dropped = current.filter((a) => (a.unit_id ? !wantedUnits.has(a.unit_id) : !wantedPeople.has(a.person_id!)));
  const received = dropped.filter((a) => a.receipt_date);
  if (received.length) {
    const detail = getReminderDetail(db, letterId, '9999-12-31')!;
    const names = received.map((a) => detail.addressees.find((x) => x.id === a.id)?.name ?? '').join('、');
    throw new AppError('CONFLICT', `${names}已签收，不能从主送中移除（如确属误登，请先清除其签收记录）。`);
  }
  for (const a of dropped) writer.remove('reminder_addressees', a.id);
  let lineNo =
    (db.prepare('SELECT ifnull(max(line_no), 0) FROM reminder_addressees WHERE letter_id = ?').pluck().get(letterId) as number) + 1;
  const haveUnits = new Set(current.map((a) => a.unit_id));
  const havePeople = new Set(current.map((a) => a.person_id));
  const due = letter.kind === '工作提醒函' ? letter.feedback_due_date : null;
  for (const unitId of unitIds) {
    if (!haveUnits.has(unitId))
      writer.insert('reminder_addressees', { letter_id: letterId, unit_id: unitId, line_no: lineNo++, feedback_due_date: due });
  }
  for (const personId of personIds) {
    if (!havePeople.has(personId))
      writer.insert('reminder_addressees', { letter_id: letterId, person_id: personId, line_no: lineNo++, feedback_due_date: due });
  }
}

function requireLetter(db: Db, id: string, today: string): ReminderDetail {
  const d = getReminderDetail(db, id, today);
  if (!d) throw notFound('提醒函');
  return d;
}

function requireDraft(d: ReminderDetail): void {
  if (d.status === 'issued') throw new AppError('CONFLICT', `该提醒函已印发（${d.docNumber}），不能修改。`);
  if (d.status === 'voided') throw new AppError('CONFLICT', '该提醒函已作废，不能修改。');
}

export const remindersHandlers: HandlerMap<
  | 'reminderLetters.list'
  | 'reminderLetters.get'
  | 'reminderLetters.create'
  | 'reminderLetters.update'
  | 'reminderLetters.setAddressees'
  | 'reminderLetters.delete'
  | 'reminderLetters.issue'
  | 'reminderLetters.void'
  | 'reminderLetters.copy'
  | 'reminderLetters.lastForOccasion'
  | 'reminderLetters.recordReceipt'
  | 'reminderPoints.list'
  | 'reminderPoints.create'
  | 'reminderPoints.update'
  | 'reminderPoints.delete'
> = {
  'reminderLetters.list': (input, { db, now }) => {
    const today = localIsoDate(now());
    const where = new Where('l.deleted_at IS NULL', { today })
      .add(input.year, 'l.year = @year', { year: input.year })
      .add(input.occasion, 'l.occasion = @occasion', { occasion: input.occasion })
      .add(input.query, "(instr(l.title, @q) > 0 OR instr(ifnull(l.doc_number, ''), @q) > 0)", { q: input.query });
    const sql = `${SUMMARY_SQL} WHERE ${where.sql}`;
    return paged(db, { sql, orderBy: 'l.letter_date DESC, l.created_at DESC', params: where.params }, input, toSummary);
  },

  'reminderLetters.get': (input, { db, now }) => requireLetter(db, input.id, localIsoDate(now())),

  'reminderLetters.create': (input, { db, writer, now }) => {
    const id = writer.insert('reminder_letters', { status: 'draft', ...letterColumns(input) });
    setAddressees(db, writer, id, input.unitIds, input.personIds);
    return requireLetter(db, id, localIsoDate(now()));
  },

  'reminderLetters.update': (input, { db, writer, now }) => {
    requireDraft(requireLetter(db, input.id, localIsoDate(now())));
    writer.update('reminder_letters', input.id, input.rev, letterColumns(input));
    return requireLetter(db, input.id, localIsoDate(now()));
  },

  'reminderLetters.setAddressees': (input, { db, writer, now }) => {
    const d = requireLetter(db, input.id, localIsoDate(now()));
    if (d.status === 'voided') throw new AppError('CONFLICT', '该提醒函已作废，不能修改主送。');
    setAddressees(db, writer, input.id, input.unitIds, input.personIds);
    return requireLetter(db, input.id, localIsoDate(now()));
  },

  'reminderLetters.delete': (input, { db, writer, now }) => {
    const d = requireLetter(db, input.id, localIsoDate(now()));
    if (d.status !== 'draft') throw new AppError('CONFLICT', '已印发或已作废的提醒函不能删除（印发后如有错误请作废）。');
    writer.softDelete('reminder_letters', input.id);
  },

  'reminderLetters.issue': (input, { db, writer, now, user }) => {
    const at = now();
    const d = requireLetter(db, input.id, localIsoDate(at));
    requireDraft(d);
    if (d.rev !== input.rev) throw new AppError('CONFLICT', '该提醒函已被他人修改，请刷新后再印发。');
    if (!d.addresseeCount) throw new AppError('VALIDATION', '请先选择主送单位或人员，再印发。');
    // A draft copied from last year has no deadline yet: a 工作提醒函 is not issued without one.
    if (d.kind === '工作提醒函' && !d.feedbackDueDate)
      throw new AppError('VALIDATION', '工作提醒函须填写书面反馈期限，请先修改提醒函再印发。');
    const office = readOfficeSettings(db);
    if (!office) throw new AppError('NOT_INITIALIZED', '尚未设置发文代字。');
    // The number's year is the year of the printed 成文日期 (the letter's date), never the day's.
    const docNumber = allocateDocNumber(db, writer, {
      kind: 'reminderLetter',
      year: parseDate(d.letterDate).y,
      prefix: office.docPrefixes.reminderLetter,
      entityId: d.id,
      at: at.toISOString(),
      actorId: user!.id,
    });
    writer.update(
      'reminder_letters',
      d.id,
      input.rev,
      { status: 'issued', doc_number: docNumber, issued_by: user!.id, issued_at: at.toISOString() },
      'issue',
    );
    // The letter as issued, stored once: every later print and PDF is laid out from it.
    const issued = requireLetter(db, d.id, localIsoDate(at));
    freezeDocument(db, writer, 'reminderLetter', d.id, docNumber, reminderDocumentModel(issued, office, readLetterSettings(db)));
    return requireLetter(db, d.id, localIsoDate(at));
  },

  'reminderLetters.void': (input, { db, writer, now, user }) => {
    const d = requireLetter(db, input.id, localIsoDate(now()));
    if (d.status === 'voided') throw new AppError('CONFLICT', '该提醒函已经作废。');
    const at = now().toISOString();
    if (d.docNumber) voidDocNumber(db, writer, d.docNumber, input.reason, at);
    writer.update(
      'reminder_letters',
      d.id,
      input.rev,
      { status: 'voided', voided_by: user!.id, voided_at: at, void_reason: input.reason },
      'void',
    );
    return requireLetter(db, d.id, localIsoDate(now()));
  },

  'reminderLetters.copy': (input, { db, writer, now }) => {
    const src = requireLetter(db, input.sourceId, localIsoDate(now()));
    const title = src.title.replaceAll(String(src.year), String(input.year));
    const id = writer.insert('reminder_letters', {
      status: 'draft',
      title,
      kind: src.kind,
      occasion: src.occasion,
      year: input.year,
      letter_date: input.letterDate,
      period_from: null,
      period_to: null,
      key_points: JSON.stringify(src.keyPoints),
      body: src.body.replaceAll(`${src.year}年`, `${input.year}年`),
      attachments: JSON.stringify(src.attachments),
      copy_to: src.copyTo,
      signer: src.signer,
      delivery_method: src.deliveryMethod,
      feedback_due_date: null,
      derived_from_id: src.id,
    });
    // Same addressees, where they still exist.
    const units = src.addressees.flatMap((a) => (a.unitId && getUnit(db, a.unitId) ? [a.unitId] : []));
    const people = peopleByIds(
      db,
      src.addressees.flatMap((a) => (a.personId ? [a.personId] : [])),
    ).map((p) => p.id);
    setAddressees(db, writer, id, units, people);
    return requireLetter(db, id, localIsoDate(now()));
  },

  'reminderLetters.lastForOccasion': (input, { db, now }) => {
    const id = db
      .prepare(
        "SELECT id FROM reminder_letters WHERE occasion = ? AND year < ? AND status = 'issued' AND deleted_at IS NULL ORDER BY year DESC, letter_date DESC LIMIT 1",
      )
      .pluck()
      .get(input.occasion, input.beforeYear) as string | undefined;
    return id ? requireLetter(db, id, localIsoDate(now())) : null;
  },

  'reminderLetters.recordReceipt': (input, { db, writer, now }) => {
    const row = db.prepare('SELECT letter_id FROM reminder_addressees WHERE id = ?').get(input.addresseeId) as
      { letter_id: string } | undefined;
    if (!row) throw notFound('主送对象');
    const d = requireLetter(db, row.letter_id, localIsoDate(now()));
    if (d.status !== 'issued') throw new AppError('CONFLICT', d.status === 'draft' ? '提醒函尚未印发，不能登记签收。' : '提醒函已作废。');
    const today = localIsoDate(now());
    if (input.receiptDate && input.receiptDate > today)
      throw new AppError('VALIDATION', '签收日期不能晚于今天。', { receiptDate: '签收日期晚于今天' });
    if (input.feedbackDate && input.feedbackDate > today)
      throw new AppError('VALIDATION', '反馈日期不能晚于今天。', { feedbackDate: '反馈日期晚于今天' });
    if (input.receiptDate && input.receiptDate < d.letterDate) {
      throw new AppError('VALIDATION', '签收日期不能早于提醒函的成文日期。', { receiptDate: '签收日期早于成文日期' });
    }
    if (input.feedbackDate && input.feedbackDate < d.letterDate) {
      throw new AppError('VALIDATION', '反馈日期不能早于提醒函的成文日期。', { feedbackDate: '反馈日期早于成文日期' });
    }
    writer.update('reminder_addressees', input.addresseeId, input.rev, {
      receipt_signer: input.receiptSigner,
      receipt_date: input.receiptDate,
      feedback_due_date: d.kind === '工作提醒函' ? input.feedbackDueDate : null,
      feedback_date: d.kind === '工作提醒函' ? input.feedbackDate : null,
    });
    return requireLetter(db, d.id, localIsoDate(now()));
  },

  'reminderPoints.list': (_input, { db }) =>
    db
      .prepare('SELECT id, rev, text FROM reminder_points WHERE deleted_at IS NULL ORDER BY sort_order, created_at')
      .all() as ReminderPoint[],

  'reminderPoints.create': (input, { db, writer }) => {
    if (db.prepare('SELECT 1 FROM reminder_points WHERE text = ? AND deleted_at IS NULL').get(input.text)) {
      throw new AppError('CONFLICT', '该严禁事项已在列表中。', { text: '已存在' });
    }
    const order = (db.prepare('SELECT ifnull(max(sort_order), 0) + 1 FROM reminder_points').pluck().get() as number) ?? 1;
    const id = writer.insert('reminder_points', { text: input.text, sort_order: order });
    return db.prepare('SELECT id, rev, text FROM reminder_points WHERE id = ?').get(id) as ReminderPoint;
  },

  'reminderPoints.update': (input, { db, writer }) => {
    writer.update('reminder_points', input.id, input.rev, { text: input.text });
    return db.prepare('SELECT id, rev, text FROM reminder_points WHERE id = ?').get(input.id) as ReminderPoint;
  },

  'reminderPoints.delete': (input, { writer }) => {
    writer.softDelete('reminder_points', input.id);
  },
};
