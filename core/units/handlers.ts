import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { activeChildCount, allPeopleCount, getUnit, listUnits } from './queries';
import { createUnit, updateUnit } from './records';

export const unitsHandlers: HandlerMap<'units.list' | 'units.create' | 'units.update' | 'units.delete'> = {
  'units.list': (_input, { db }) => listUnits(db),

  'units.create': (input, { db, writer }) => createUnit(db, writer, input),

  'units.update': (input, { db, writer }) => updateUnit(db, writer, input),

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
