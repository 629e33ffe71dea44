import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { paged } from './paged';

function db() {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, name TEXT)');
  const add = d.prepare('INSERT INTO t (kind, name) VALUES (?, ?)');
  for (let i = 1; i <= 7; i++) add.run(i % 2 ? 'odd' : 'even', `n${i}`);
  return d;
}

test('paged: counts every match, returns the asked page in order, mapped', () => {
  const d = db();
  const q = { sql: 'SELECT id, name FROM t WHERE kind = ?', orderBy: 'id DESC', params: ['odd'] };
  const p1 = paged(d, q, { page: 1, pageSize: 3 }, (r: { id: number; name: string }) => r.name);
  assert.deepEqual(p1, { items: ['n7', 'n5', 'n3'], total: 4, page: 1, pageSize: 3 });
  const p2 = paged(d, q, { page: 2, pageSize: 3 }, (r: { name: string }) => r.name);
  assert.deepEqual(p2.items, ['n1']);
  assert.deepEqual(paged(d, q, { page: 3, pageSize: 3 }, (r: { name: string }) => r.name).items, []);
});

test('paged: named parameters and a separate count query', () => {
  const d = db();
  const p = paged(
    d,
    {
      sql: 'SELECT name FROM t WHERE kind = @kind',
      countSql: 'SELECT 1 FROM t WHERE kind = @kind',
      orderBy: 'name',
      params: { kind: 'even' },
    },
    { page: 1, pageSize: 2 },
    (r: { name: string }) => r.name,
  );
  assert.deepEqual(p, { items: ['n2', 'n4'], total: 3, page: 1, pageSize: 2 });
});

test('paged: a null page size is every row; the statements can come from a given compiler', () => {
  const d = db();
  const compiled: string[] = [];
  const p = paged(
    d,
    {
      sql: 'SELECT name FROM t WHERE kind = @kind',
      orderBy: 'name DESC',
      params: { kind: 'odd' },
      prepare: (sql) => (compiled.push(sql), d.prepare(sql)),
    },
    { page: 3, pageSize: null },
    (r: { name: string }) => r.name,
  );
  assert.deepEqual(p, { items: ['n7', 'n5', 'n3', 'n1'], total: 4, page: 3, pageSize: 4 });
  assert.equal(compiled.length, 2, 'the count and the rows');
});
