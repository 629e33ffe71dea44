import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { activeChildCount, allPeopleCount, getUnit, listUnits, unitSubtreeIds } from './queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
const duplicateName = (name: string) =>
  new AppError('CONFLICT', `同一上级单位下已有名为“${name}”的单位，未保存。`, { name: '同级单位中已有此名称' });

function checkParent(db: Db, parentId: string | null): void {
  if (parentId && !getUnit(db, parentId)) throw new AppError('VALIDATION', '所选上级单位不存在或已删除。', { parentId: '上级单位不存在' });
}

export const unitsHandlers: HandlerMap<'units.list' | 'units.create' | 'units.update' | 'units.delete'> = {
  'units.list': (_input, { db }) => listUnits(db),

  'units.create': (input, { db, writer }) => {
    checkParent(db, input.parentId);
    try {
      const id = writer.insert('units', {
        parent_id: input.parentId,
        name: input.name,
        short_name: input.shortName,
        sort_order: input.sortOrder,
      });
      return getUnit(db, id)!;
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(input.name);
      throw error;
    }
  },

  'units.update': (input, { db, writer }) => {
    if (!getUnit(db, input.id)) throw notFound('单位');
    checkParent(db, input.parentId);
    if (input.parentId && unitSubtreeIds(db, input.id).includes(input.parentId)) {
      throw new AppError('VALIDATION', '不能把单位移到它自己或它的下级单位之下。', { parentId: '不能选择本单位或其下级' });
    }
    try {
      writer.update('units', input.id, input.rev, {
        parent_id: input.parentId,
        name: input.name,
        short_name: input.shortName,
        sort_order: input.sortOrder,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(input.name);
      throw error;
    }
    return getUnit(db, input.id)!;
  },

  'units.delete': (input, { db, writer }) => {
    const unit = getUnit(db, input.id);
    if (!unit) throw notFound('单位');
    const children = activeChildCount(db, input.id);
    if (children > 0) throw new AppError('CONFLICT', `“${unit.name}”下还有${children}个下级单位，请先删除或移走下级单位。`);
    // Counted whoever asks; the number is said only when the caller sees them all (回避).
    const people = allPeopleCount(db, input.id);
    if (people > 0) {
      const count = people === unit.peopleCount ? `${people}名` : '';
      throw new AppError('CONFLICT', `“${unit.name}”下还有${count}人员，请先删除或调整这些人员的单位。`);
    }
    writer.softDelete('units', input.id);
  },
};
