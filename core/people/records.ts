/**
 * A person's reads and writes, for this area's channels and for other areas (the Excel
 * import, the dossier, records naming a person), which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/statements';
import { AppError, notFound } from '../errors';
import type { ValidInput } from '../api';
import type { Writer } from '../host/writer';
import { unitExists, unitPaths, unitSubtreeIds } from '../units/queries';
import { fromRow, toColumnValues } from '../shared/rows';
import { PERSON_FIELDS, type Person, type PersonValues } from './contract';
import { nameKeys } from './pinyin';
import { PERSON_COLUMNS, toListItem, type PersonRow } from './search';
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

/** Saves an edit of a person (checked, audited, re-indexed) and returns the person as stored. */
export function updatePerson(db: Db, writer: Writer, input: ValidInput<'people.update'>): Person {
  if (!getPerson(db, input.id)) throw notFound('人员');
  writer.update('people', input.id, input.rev, toColumns(db, input, input.id));
  reindex(db, input.id, input.name, input.position);
  return getPerson(db, input.id)!;
}
