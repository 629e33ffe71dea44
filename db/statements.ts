import type Database from 'better-sqlite3';
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A compiled statement, kept per connection. Compiling costs more than running a small
 * statement, and batch paths (a 10,000-row import, the statistics page) run the same SQL
 * thousands of times. The SQL must be fixed text, never built from input.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
