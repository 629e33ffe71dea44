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
}

/**
 * One page of a list: the count of every matching row and the page's rows, mapped to
 * items. The one place lists do count + LIMIT/OFFSET.
 */
export function paged<Row, Item>(
  db: Db,
  query: PageQuery,
  at: { page: number; pageSize: number },
  toItem: (row: Row) => Item,
): Paged<Item> {
  const { page, pageSize } = at;
  const offset = (page - 1) * pageSize;
  const params = query.params ?? [];
  const named = !Array.isArray(params);
  const countStatement = db.prepare(`SELECT count(*) FROM (${query.countSql ?? query.sql})`).pluck();
  const total = (named ? countStatement.get(params) : countStatement.get(...(params as unknown[]))) as number;
  const rowsStatement = db.prepare(`${query.sql} ORDER BY ${query.orderBy} LIMIT ${named ? '@limit OFFSET @offset' : '? OFFSET ?'}`);
  const rows = (
    named ? rowsStatement.all({ ...params, limit: pageSize, offset }) : rowsStatement.all(...(params as unknown[]), pageSize, offset)
  ) as Row[];
  return { items: rows.map(toItem), total, page, pageSize };
}
