/**
 * Reminder letters (廉洁提醒函): reads and writes for this area's channels and for other
 * areas (the printouts, the Excel export), which never call this area's handlers.
 */
import type { HandlerContext } from '../host/context';
import type { ValidInput } from '../api';
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { Writer } from '../host/writer';
import { peopleByIds } from '../people/search';
import { readOfficeSettings } from '../settings/queries';
import { issuedInfo, readIssued } from '../issuedDocuments/store';
import { contactChanges, describeAsDifference } from '../issuedDocuments/changes';
import { reminderLetterChanges, type ReminderDocumentModel } from './issuedModel';
import { readLetterSettings } from '../print/letterSettings';
import { reminderLetterData } from './reminderLetter';
import { localIsoDate } from '../shared/dates';
import { getUnit, unitPaths } from '../units/queries';
import { Where } from '../shared/where';
import { fromRow, toColumnValues } from '../shared/rows';
import {
  LETTER_FIELDS,
  LETTER_STORAGE,
  RECEIPT_FIELDS,
  SUMMARY_FIELDS,
  type Addressee,
  type LetterValues,
  type ReceiptValues,
  type ReminderDetail,
  type ReminderStatus,
  type ReminderSummary,
} from './contract';
import { paged } from '../shared/paged';

/** A row of `reminder_letters` (the fields' columns, LETTER_FIELDS) with its state and receipt counts. */
export type LetterRow = Record<string, unknown> & {
  id: string;
  rev: number;
  status: ReminderStatus;
  doc_number: string | null;
  kind: LetterValues['kind'];
  derived_from_id: string | null;
  void_reason: string | null;
  addressee_count: number;
  received_count: number;
  feedback_overdue_count: number;
};

export const SUMMARY_SQL = `
  SELECT l.*,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id) AS addressee_count,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id AND a.receipt_date IS NOT NULL) AS received_count,
         (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id AND a.feedback_due_date < @today AND a.feedback_date IS NULL) AS feedback_overdue_count
  FROM reminder_letters l`;

export function toSummary(r: LetterRow): ReminderSummary {
  return {
    id: r.id,
    rev: r.rev,
    status: r.status,
    docNumber: r.doc_number,
    ...fromRow<Pick<LetterValues, (typeof SUMMARY_FIELDS)[number]>>(SUMMARY_FIELDS, r),
    addresseeCount: r.addressee_count,
    receivedCount: r.received_count,
    receiptRate: r.addressee_count ? r.received_count / r.addressee_count : 1,
    feedbackOverdueCount: r.kind === '工作提醒函' && r.status === 'issued' ? r.feedback_overdue_count : 0,
  };
}

export function loadRow(db: Db, id: string, today: string): LetterRow | null {
  return (db.prepare(`${SUMMARY_SQL} WHERE l.id = @id AND l.deleted_at IS NULL`).get({ id, today }) as LetterRow | undefined) ?? null;
}

export function getReminderDetail(db: Db, id: string, today: string): ReminderDetail | null {
  const r = loadRow(db, id, today);
  if (!r) return null;
  const rows = db.prepare('SELECT * FROM reminder_addressees WHERE letter_id = ? ORDER BY line_no').all(id) as (Record<string, unknown> & {
    id: string;
    rev: number;
    line_no: number;
    unit_id: string | null;
    person_id: string | null;
  })[];
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
    const receipt = fromRow<ReceiptValues>(RECEIPT_FIELDS, a);
    return {
      id: a.id,
      rev: a.rev,
      lineNo: a.line_no,
      kind: a.unit_id ? 'unit' : 'person',
      unitId: a.unit_id,
      personId: a.person_id,
      name: a.unit_id ? (paths.get(a.unit_id) ?? '') : person ? `${person.name}（${person.unitPath ?? '未填单位'}）` : '（已删除的人员）',
      ...receipt,
      feedbackOverdue: r.status === 'issued' && !!receipt.feedbackDueDate && !receipt.feedbackDate && receipt.feedbackDueDate < today,
    };
  });
  const detail: ReminderDetail = {
    ...toSummary(r),
    ...fromRow<LetterValues>(LETTER_FIELDS, r, LETTER_STORAGE),
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

/** The row's columns for a letter's fields; a 节日提醒 has no feedback deadline. */
export const letterColumns = (v: LetterValues) =>
  toColumnValues(LETTER_FIELDS, { ...v, feedbackDueDate: v.kind === '工作提醒函' ? v.feedbackDueDate : null }, LETTER_STORAGE);

/** A letter's fields as they are (for a copy): every field of the detail, none of its state. */
export const letterValuesOf = (d: ReminderDetail): LetterValues => Object.fromEntries(LETTER_FIELDS.map((f) => [f, d[f]])) as LetterValues;

/**
 * Makes the letter's addressees exactly these units and persons: adds the new ones and
 * removes the dropped ones — but never one whose receipt is already recorded.
 */
export function setAddressees(db: Db, writer: Writer, letterId: string, unitIds: string[], personIds: string[]): void {
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

export function requireLetter(db: Db, id: string, today: string): ReminderDetail {
  const d = getReminderDetail(db, id, today);
  if (!d) throw notFound('提醒函');
  return d;
}

export function requireDraft(d: ReminderDetail): void {
  if (d.status === 'issued') throw new AppError('CONFLICT', `该提醒函已印发（${d.docNumber}），不能修改。`);
  if (d.status === 'voided') throw new AppError('CONFLICT', '该提醒函已作废，不能修改。');
}

/** One page of reminder letters, as the list page filters them: for this area and others (the Excel export). */
export function listReminders(input: ValidInput<'reminderLetters.list'>, { db, now }: HandlerContext) {
  const today = localIsoDate(now());
  const where = new Where('l.deleted_at IS NULL', { today })
    .add(input.year, 'l.year = @year', { year: input.year })
    .add(input.occasion, 'l.occasion = @occasion', { occasion: input.occasion })
    .add(input.query, "(instr(l.title, @q) > 0 OR instr(ifnull(l.doc_number, ''), @q) > 0)", { q: input.query });
  const sql = `${SUMMARY_SQL} WHERE ${where.sql}`;
  return paged(db, { sql, orderBy: 'l.letter_date DESC, l.created_at DESC', params: where.params }, input, toSummary);
}
