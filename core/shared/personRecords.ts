/**
 * A record kept on a person's file (澄清正名, 暖心回访): how it is read (a person's list,
 * one by id) and its four handlers: list, create, update (quoting the revision) and
 * delete to the 回收站. One factory each, so an area writes only what is its own: what its
 * row joins, the row's columns and checks.
 */
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import type { RecyclableTable, WritableTable } from '../host/writer';
import { getPerson } from '../people/records';
import { columnOf, fromRow } from './rows';

/** What the record's row joins: the record it refers to (the matter cleared, the sanction visited). */
export interface PersonRecordReadSpec<V, J, X> {
  /** The record's table under `alias`, joined: `clearances c LEFT JOIN pending_matters m ON …`. */
  from: string;
  alias: string;
  /** The columns the join adds: `m.kind AS matter_kind, …`. */
  joined: string;
  fields: readonly (keyof V & string)[];
  /** The date field a person's list is ordered by, newest first (then by id, so the order is stable). */
  newestBy: keyof V & string;
  /** What the joined columns add to the record (a label of the record it refers to). */
  joinedValues(row: J): X;
}

export function personRecordReads<V extends object, J extends object, X extends object>(spec: PersonRecordReadSpec<V, J, X>) {
  type Row = Record<string, unknown> & J & { id: string; rev: number };
  type Stored = { id: string; rev: number } & V & X;
  const a = spec.alias;
  const select = `SELECT ${a}.*, ${spec.joined} FROM ${spec.from}`;
  const listSql = `${select} WHERE ${a}.person_id = ? AND ${a}.deleted_at IS NULL ORDER BY ${a}.${columnOf(spec.newestBy)} DESC, ${a}.id`;
  const getSql = `${select} WHERE ${a}.id = ? AND ${a}.deleted_at IS NULL`;
  const toRecord = (r: Row): Stored => ({ id: r.id, rev: r.rev, ...fromRow<V>(spec.fields, r), ...spec.joinedValues(r) });
  return {
    /** The person's records, not deleted, newest first. */
    listOf: (db: Db, personId: string): Stored[] => (db.prepare(listSql).all(personId) as Row[]).map(toRecord),
    /** One record, or null when there is none or it is in the 回收站. */
    get: (db: Db, id: string): Stored | null => {
      const row = db.prepare(getSql).get(id) as Row | undefined;
      return row ? toRecord(row) : null;
    },
  };
}

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
