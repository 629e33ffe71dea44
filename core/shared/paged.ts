import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import type { Paged } from './fields';

/** Positional (`?`) or named (`@name`) parameters of a query. */
export type SqlParams = readonly unknown[] | Record<string, unknown>;

export interface PageQuery {
  /** The full SELECT for every matching row, without ORDER BY or LIMIT. */
  sql: string;
  /** What the page is sorted by (best ending in a unique key, so pages never overlap). */
  orderBy: string;
  params?: SqlParams;
  /** A cheaper SELECT with the same rows to count, when `sql` computes costly columns. */
  countSql?: string;
  /** How to compile the statements (e.g. cached, with functions registered); db.prepare by default. */
  prepare?: (sql: string) => Database.Statement;
}

/**
 * One page of a list: the count of every matching row and the page's rows, mapped to
 * items. The one place lists do count + LIMIT/OFFSET. A null pageSize is every row (an
 * export's drill-down); the answer's pageSize is then the total.
 */
export function paged<Row, Item>(
  db: Db,
  query: PageQuery,
  at: { page: number; pageSize: number | null },
  toItem: (row: Row) => Item,
): Paged<Item> {
  const { page, pageSize } = at;
  const limit = pageSize ?? -1;
  const offset = pageSize ? (page - 1) * pageSize : 0;
  const prepare = query.prepare ?? ((sql: string) => db.prepare(sql));
  const params = query.params ?? [];
  const named = !Array.isArray(params);
  const countStatement = prepare(`SELECT count(*) FROM (${query.countSql ?? query.sql})`);
  const counted = (named ? countStatement.get(params) : countStatement.get(...(params as unknown[]))) as Record<string, number>;
  const total = Object.values(counted)[0]!;
  const rowsStatement = prepare(`${query.sql} ORDER BY ${query.orderBy} LIMIT ${named ? '@limit OFFSET @offset' : '? OFFSET ?'}`);
  const rows = (
    named ? rowsStatement.all({ ...params, limit, offset }) : rowsStatement.all(...(params as unknown[]), limit, offset)
  ) as Row[];
  return { items: rows.map(toItem), total, page, pageSize: pageSize ?? total };
}
