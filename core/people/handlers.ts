import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/statements';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { unitExists, unitPaths, unitSubtreeIds } from '../units/queries';
import type { Writer } from '../host/writer';
import { fromRow, toColumnValues } from '../shared/rows';
import { PERSON_FIELDS, type Person, type PersonValues } from './contract';
import { dossierOf } from './dossier';
import { nameKeys } from './pinyin';
import { PERSON_COLUMNS, searchPeople, toListItem, type PersonRow } from './search';
import { indexPersonGrams } from './searchIndex';

export function getPerson(db: Db, id: string): Person | null {
  const row = db
    .prepare(`SELECT ${PERSON_COLUMNS} FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ? AND p.deleted_at IS NULL`)
    .get(id) as PersonRow | undefined;
  if (!row) return null;
  return {
    ...toListItem(row, unitPaths(db, [row.unit_id])),
    ...fromRow<PersonValues>(PERSON_FIELDS, row),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

/** Column values for a person row, with the pinyin keys derived from the name. */
function toColumns(db: Db, v: PersonValues, selfId: string | null) {
  if (v.unitId && !unitExists(db, v.unitId))
    throw new AppError('VALIDATION', '所选单位不存在或已删除，请重新选择。', { unitId: '单位不存在' });
  if (v.idNumber) {
    const holder = cachedStatement(db, 'SELECT p.name FROM people p WHERE p.id_number = ? AND p.deleted_at IS NULL AND p.id IS NOT ?').get(
      v.idNumber,
      selfId,
    ) as { name: string } | undefined;
    if (holder) throw new AppError('CONFLICT', `身份证号与人员库中的“${holder.name}”重复，未保存。`, { idNumber: '与已有人员重复' });
  }
  const keys = nameKeys(v.name);
  return { ...toColumnValues(PERSON_FIELDS, v), name_pinyin: keys.full, name_initials: keys.initials };
}

/** Adds a person (checked, audited, indexed for search); returns the id. Also used by the Excel import, which needs no read-back per row. */
export function createPerson(db: Db, writer: Writer, input: PersonValues): string {
  const id = writer.insert('people', toColumns(db, input, null));
  reindex(db, id, input.name, input.position);
  return id;
}

/** Adds many people at once (the Excel import): the same checks, audit and search index as createPerson, in one insert statement. */
export function createPeople(db: Db, writer: Writer, inputs: PersonValues[]): string[] {
  const ids = writer.insertMany(
    'people',
    inputs.map((v) => toColumns(db, v, null)),
  );
  ids.forEach((id, i) => reindex(db, id, inputs[i]!.name, inputs[i]!.position));
  return ids;
}

function reindex(db: Db, id: string, name: string, position: string | null): void {
  const { seq } = cachedStatement(db, 'SELECT seq FROM people WHERE id = ?').get(id) as { seq: number };
  indexPersonGrams(db, seq, name, position);
}

/** The list's unit filter: the unit, or it and its sub-units. */
export function unitFilter(db: Db, input: { unitId?: string | undefined; includeSubunits?: boolean | undefined }): string[] | null {
  if (!input.unitId) return null;
  return input.includeSubunits ? unitSubtreeIds(db, input.unitId) : [input.unitId];
}

export const peopleHandlers: HandlerMap<
  'people.list' | 'people.get' | 'people.create' | 'people.update' | 'people.delete' | 'people.dossier'
> = {
  'people.list': (input, { db }) => searchPeople(db, { ...input, unitIds: unitFilter(db, input) }),

  'people.get': (input, { db }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    return person;
  },

  'people.create': (input, { db, writer }) => getPerson(db, createPerson(db, writer, input))!,

  'people.update': (input, { db, writer }) => {
    if (!getPerson(db, input.id)) throw notFound('人员');
    writer.update('people', input.id, input.rev, toColumns(db, input, input.id));
    reindex(db, input.id, input.name, input.position);
    return getPerson(db, input.id)!;
  },

  'people.dossier': (input, { db }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    return dossierOf(db, person);
  },

  'people.delete': (input, { db, writer }) => {
    const person = getPerson(db, input.id);
    if (!person) throw notFound('人员');
    // A person with records on file must stay findable: deleting them would hide their
    // sanctions from every later check.
    const held = db
      .prepare(
        `SELECT (SELECT count(*) FROM sanctions WHERE person_id = @id AND deleted_at IS NULL) AS sanctions,
                (SELECT count(*) FROM pending_matters WHERE person_id = @id AND deleted_at IS NULL) AS pending,
                (SELECT count(*) FROM opinion_request_persons WHERE person_id = @id) AS requests,
                (SELECT count(*) FROM pledge_roster WHERE person_id = @id) AS pledges,
                (SELECT count(*) FROM reminder_addressees WHERE person_id = @id) AS reminders,
                (SELECT count(*) FROM clearances WHERE person_id = @id AND deleted_at IS NULL) AS clearances`,
      )
      .get({ id: input.id }) as {
      sanctions: number;
      pending: number;
      requests: number;
      pledges: number;
      reminders: number;
      clearances: number;
    };
    const parts = [
      held.sanctions ? `${held.sanctions}条处分记录` : '',
      held.pending ? `${held.pending}条在查事项` : '',
      held.requests ? `${held.requests}次征求意见` : '',
      held.pledges ? `${held.pledges}份承诺书名单记录` : '',
      held.reminders ? `${held.reminders}份提醒函主送记录` : '',
      held.clearances ? `${held.clearances}条澄清正名记录` : '',
    ].filter(Boolean);
    if (parts.length) throw new AppError('CONFLICT', `“${person.name}”有${parts.join('、')}，不能删除。`);
    writer.softDelete('people', input.id);
  },
};
