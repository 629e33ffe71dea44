import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { fromRow, selectColumns, toColumnValues } from './rows';

type Letter = { title: string; keyPoints: string[]; needsCosigner: boolean | null; letterDate: string };
const FIELDS = ['title', 'keyPoints', 'needsCosigner', 'letterDate'] as const;
const STORAGE = { keyPoints: 'json', needsCosigner: 'flag' } as const;

test('a record goes into its columns and comes back the same, lists as JSON text and yes/no as 0/1', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (title TEXT, key_points TEXT, needs_cosigner INTEGER, letter_date TEXT)');
  const insert = (v: Letter) => {
    const cols = toColumnValues(FIELDS, v, STORAGE);
    db.prepare(
      `INSERT INTO t (${Object.keys(cols).join(', ')}) VALUES (${Object.keys(cols)
        .map((c) => `@${c}`)
        .join(', ')})`,
    ).run(cols);
  };
  const a: Letter = { title: '中秋提醒', keyPoints: ['严禁违规收送节礼', '严禁公款吃喝'], needsCosigner: true, letterDate: '2025-09-25' };
  const b: Letter = { title: '端午提醒', keyPoints: [], needsCosigner: null, letterDate: '2025-05-28' };
  insert(a);
  insert(b);
  const raw = db.prepare('SELECT * FROM t ORDER BY rowid').all() as Record<string, unknown>[];
  assert.equal(raw[0]!.key_points, '["严禁违规收送节礼","严禁公款吃喝"]');
  assert.equal(raw[0]!.needs_cosigner, 1);
  assert.equal(raw[1]!.needs_cosigner, null);
  const back = (db.prepare(`SELECT ${selectColumns('t', FIELDS)} FROM t ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) =>
    fromRow<Letter>(FIELDS, r, STORAGE),
  );
  assert.deepEqual(back, [a, b]);
  // Without a storage table a row's values come as they are.
  assert.deepEqual(fromRow<{ title: string }>(['title'], raw[1]!), { title: '端午提醒' });
});
