import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from './index';
import { migration0018 } from './0018_statistics_covering';

test('0018 replaces two statistics indexes by wider ones, and the walks read the indexes alone', () => {
  const db = new Database(':memory:');
  for (const m of migrations.filter((m) => m.version < 18)) m.up(db);
  migration0018.up(db);
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
  for (const name of [
    'opinion_reply_items_reply_category',
    'pledge_roster_campaign_signed_cosigner',
    'pending_matters_received_kind_status',
  ]) {
    assert.ok(names.includes(name), name);
  }
  assert.ok(!names.includes('pledge_roster_campaign_signed') && !names.includes('pending_matters_received'));
  const plan = (sql: string, ...args: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(
    plan('SELECT category FROM opinion_reply_items WHERE reply_id = ?', 'x'),
    /COVERING INDEX opinion_reply_items_reply_category/,
  );
  assert.match(
    plan('SELECT signed_date, cosigner_name IS NOT NULL FROM pledge_roster WHERE campaign_id = ? AND signed = 1', 'x'),
    /COVERING INDEX pledge_roster_campaign_signed_cosigner/,
  );
  assert.match(
    plan("SELECT status FROM pending_matters WHERE deleted_at IS NULL AND kind = 'lead' AND received_date BETWEEN ? AND ?", 'a', 'b'),
    /COVERING INDEX pending_matters_received_kind_status/,
  );
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
});
