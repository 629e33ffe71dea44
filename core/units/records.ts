/**
 * Writing a unit, for this area's channels and for other areas (the people import adds the
 * units a sheet names), which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import type { ValidInput } from '../api';
import { AppError, notFound } from '../errors';
import type { Writer } from '../host/writer';
import { toColumnValues } from '../shared/rows';
import { UNIT_FIELDS, type Unit, type UnitValues } from './contract';
import { getUnit, unitSubtreeIds } from './queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
const duplicateName = (name: string) =>
  new AppError('CONFLICT', `同一上级单位下已有名为“${name}”的单位，未保存。`, { name: '同级单位中已有此名称' });

function checkParent(db: Db, parentId: string | null): void {
  if (parentId && !getUnit(db, parentId)) throw new AppError('VALIDATION', '所选上级单位不存在或已删除。', { parentId: '上级单位不存在' });
}

/** A unique-name clash as the clerk's message. */
function saving<T>(v: UnitValues, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(v.name);
    throw error;
  }
}

/** Adds a unit (checked, audited) and returns it as stored. */
export function createUnit(db: Db, writer: Writer, input: UnitValues): Unit {
  checkParent(db, input.parentId);
  const id = saving(input, () => writer.insert('units', toColumnValues(UNIT_FIELDS, input)));
  return getUnit(db, id)!;
}

/** Saves an edit of a unit; a unit never moves below itself. */
export function updateUnit(db: Db, writer: Writer, input: ValidInput<'units.update'>): Unit {
  if (!getUnit(db, input.id)) throw notFound('单位');
  checkParent(db, input.parentId);
  if (input.parentId && unitSubtreeIds(db, input.id).includes(input.parentId)) {
    throw new AppError('VALIDATION', '不能把单位移到它自己或它的下级单位之下。', { parentId: '不能选择本单位或其下级' });
  }
  saving(input, () => writer.update('units', input.id, input.rev, toColumnValues(UNIT_FIELDS, input)));
  return getUnit(db, input.id)!;
}
