/**
 * The four handlers of a record kept on a person's file (澄清正名, 暖心回访): list a
 * person's records, create, update (quoting the revision) and delete to the 回收站. One
 * factory so each area writes only what is its own: the row's columns and checks.
 */
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import type { RecyclableTable, WritableTable } from '../host/writer';
import { getPerson } from '../people/records';

export interface PersonRecordSpec<R, V extends { personId: string }> {
  table: RecyclableTable & WritableTable;
  /** The record's name in messages: "回访记录不存在或已被删除". */
  label: string;
  listOf(db: Db, personId: string): R[];
  get(db: Db, id: string): R | null;
  /** The row's columns from valid input; throws a Chinese VALIDATION error where it does not fit the file. */
  columns(db: Db, values: V): Record<string, unknown>;
}

export function personRecordHandlers<R, V extends { personId: string }>(spec: PersonRecordSpec<R, V>) {
  const columns = (db: Db, values: V) => {
    if (!getPerson(db, values.personId)) throw new AppError('VALIDATION', '所选人员不存在或已删除。', { personId: '人员不存在' });
    return spec.columns(db, values);
  };
  const existing = (db: Db, id: string): R => {
    const record = spec.get(db, id);
    if (!record) throw notFound(spec.label);
    return record;
  };
  return {
    list: (input: { personId: string }, { db }: HandlerContext): R[] => spec.listOf(db, input.personId),
    create: (input: V, { db, writer }: HandlerContext): R => spec.get(db, writer.insert(spec.table, columns(db, input)))!,
    update: (input: V & { id: string; rev: number }, { db, writer }: HandlerContext): R => {
      existing(db, input.id);
      writer.update(spec.table, input.id, input.rev, columns(db, input));
      return spec.get(db, input.id)!;
    },
    delete: (input: { id: string }, { db, writer }: HandlerContext): void => {
      existing(db, input.id);
      writer.softDelete(spec.table, input.id);
    },
  };
}
