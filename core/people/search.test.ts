import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { seedRegister } from '../../bench/seed/people';
import { openDatabase } from '../../db/open';
import { tempDir } from '../../db/testing';
import { SEARCH_RESULT_CAP, searchPeople, searchPeopleByLikeScan } from './search';

/**
 * The indexed search (trigram FTS + gram table + pinyin ranges + unit subtrees) must
 * find exactly the people a plain LIKE scan finds, for every kind of query.
 */
test('indexed search finds exactly what a LIKE scan finds, on a seeded register', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const { db } = openDatabase(path.join(dir, 'q.sqlite'));
  t.after(() => db.close());
  seedRegister(db, { people: 6000, seed: 7 });

  const sample = db.prepare('SELECT name, name_initials, name_pinyin, position FROM people ORDER BY seq LIMIT 40').all() as {
    name: string;
    name_initials: string;
    name_pinyin: string;
    position: string;
  }[];
  const queries = new Set<string>([
    '王',
    '李',
    '财政',
    '财政局',
    '镇人民政府',
    '办公室',
    '科长',
    '主任科员',
    'zh',
    'w',
    'wang',
    'zhang',
    '东湖',
    'xyz',
    '不存在的人',
    '"',
    "o'",
    '%',
    '_',
  ]);
  for (const p of sample) {
    queries.add(p.name);
    queries.add(p.name.slice(0, 2));
    queries.add([...p.name].slice(-2).join(''));
    queries.add(p.name_initials);
    queries.add(p.name_initials.slice(0, 2));
    queries.add(p.name_pinyin);
    queries.add(p.name_pinyin.slice(0, 5));
  }
  let nonEmpty = 0;
  let cappedSeen = 0;
  for (const query of queries) {
    const fast = searchPeople(db, { query, sortBy: 'name', sortOrder: 'asc', page: 1, pageSize: 200 });
    const slow = searchPeopleByLikeScan(db, query, 100_000);
    if (slow.total > SEARCH_RESULT_CAP) {
      // Large result sets are cut at the cap: what is shown must still be real matches.
      assert.equal(fast.total, SEARCH_RESULT_CAP, `capped total for “${query}”`);
      assert.equal(fast.capped, true);
      const all = new Set(slow.ids);
      for (const p of fast.items) assert.ok(all.has(p.id), `“${query}” showed a non-match ${p.name}`);
    } else {
      assert.equal(fast.total, slow.total, `total for “${query}”`);
      assert.equal(fast.capped, undefined);
      assert.deepEqual(
        fast.items.map((p) => p.id),
        slow.ids.slice(0, 200),
        `ids for “${query}”`,
      );
    }
    if (fast.total > 0) nonEmpty++;
    if (fast.capped) cappedSeen++;
  }
  assert.ok(nonEmpty > queries.size / 2, 'most queries should find someone');
  assert.ok(cappedSeen > 0, 'some query should exceed the cap');
});

test('paging and sorting happen in SQLite: pages do not overlap and follow the order', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const { db } = openDatabase(path.join(dir, 'q.sqlite'));
  t.after(() => db.close());
  seedRegister(db, { people: 500, seed: 11 });
  const base = { query: '王', sortBy: 'birthMonth' as const, sortOrder: 'desc' as const, pageSize: 10 };
  const p1 = searchPeople(db, { ...base, page: 1 });
  const p2 = searchPeople(db, { ...base, page: 2 });
  assert.ok(p1.total > 20);
  assert.equal(p1.items.length, 10);
  const ids = new Set([...p1.items, ...p2.items].map((p) => p.id));
  assert.equal(ids.size, 20);
  const months = [...p1.items, ...p2.items].map((p) => p.birthMonth ?? '');
  assert.deepEqual(months, [...months].sort().reverse());
});
