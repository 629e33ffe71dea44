import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from './index';
import { migration0016 } from './0016_statistics_indexes';

test('0016 adds the two statistics indexes, and the roster lookup reads the index alone', () => {
  const db = new Database(':memory:');
  for (const m of migrations.filter((m) => m.version < 10)) m.up(db);
  migration0016.up(db);
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
  assert.ok(names.includes('people_id_unit_name'));
  assert.ok(names.includes('pledge_roster_campaign_signed'));
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
  // what the pledge numbers read per roster entry (the person lookup picks its index once `PRAGMA optimize` has statistics)
  assert.match(
    plan('SELECT person_id, signed_date FROM pledge_roster WHERE campaign_id = ? AND signed = 1'),
    /COVERING INDEX pledge_roster_campaign_signed/,
  );
});
