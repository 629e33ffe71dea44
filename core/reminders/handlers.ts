import { allocateDocNumber, voidDocNumber } from '../docNumbers/docNumbers';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { peopleByIds } from '../people/search';
import { readOfficeSettings } from '../settings/queries';
import { freezeDocument } from '../issuedDocuments/store';
import { reminderDocumentModel } from './issuedModel';
import { readLetterSettings } from '../print/letterSettings';
import { localIsoDate, parseDate } from '../shared/dates';
import { getUnit } from '../units/queries';
import { toColumnValues } from '../shared/rows';
import { RECEIPT_FIELDS, type ReminderPoint } from './contract';
import { letterColumns, letterValuesOf, listReminders, requireDraft, requireLetter, setAddressees } from './records';

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
  'reminderLetters.list': listReminders,

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
    // Every field carries over except the dates of the new year, which the clerk sets.
    const id = writer.insert('reminder_letters', {
      status: 'draft',
      derived_from_id: src.id,
      ...letterColumns({
        ...letterValuesOf(src),
        title: src.title.replaceAll(String(src.year), String(input.year)),
        year: input.year,
        letterDate: input.letterDate,
        periodFrom: null,
        periodTo: null,
        body: src.body.replaceAll(`${src.year}年`, `${input.year}年`),
        feedbackDueDate: null,
      }),
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
    // A 节日提醒 asks no written feedback.
    const feedback = d.kind === '工作提醒函' ? {} : { feedbackDueDate: null, feedbackDate: null };
    writer.update('reminder_addressees', input.addresseeId, input.rev, toColumnValues(RECEIPT_FIELDS, { ...input, ...feedback }));
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
