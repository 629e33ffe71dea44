/** The tamper-evident audit log (issue 13, item 8): chain, verify, logged views, the viewer and the CLI. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { auditEntryHash, type ChainedFields } from '../../db/auditChain';
import { capturedIo, makeHost, type TestHost } from '../testing';
import { runCli } from '../cli';
import type { AuditVerifyResult } from './contract';

const ID = '11010519491231002X';

/** Runs SQL on the closed data file the way someone with the sqlite3 tool would (the tool itself where installed). */
function tamper(file: string, sql: string): void {
  try {
    execFileSync('sqlite3', [file, sql], { stdio: 'pipe' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const db = new Database(file);
    db.exec(sql);
    db.close();
  }
}

async function hostWithHistory(): Promise<{ h: TestHost; personId: string }> {
  const h = await makeHost();
  const unit = await h.call('units.create', { name: '市财政局' });
  const person = await h.call('people.create', { name: '张三', unitId: unit.id, idNumber: ID });
  await h.call('people.update', { id: person.id, rev: person.rev, name: '张三', unitId: unit.id, idNumber: ID, position: '科长' });
  await h.call('people.dossier', { id: person.id });
  return { h, personId: person.id };
}

/** Closes the host (the file is then only on disk), lets `change` run, reopens and verifies through the contract. */
async function verifyAfter(h: TestHost, change: (file: string) => void): Promise<AuditVerifyResult> {
  const file = h.host.config.databaseFile;
  h.host.close();
  change(file);
  const again = await makeHost({ dataDir: h.dir, setup: false });
  await again.login('admin', 'Admin12345');
  const result = await again.call('audit.verify', {});
  again.host.close();
  return result;
}

const seqOf = (h: TestHost, where: string) =>
  (h.host.db.prepare(`SELECT seq FROM audit_log WHERE ${where} ORDER BY seq LIMIT 1`).get() as { seq: number }).seq;

test('every entry is chained to the one before it; verify walks the whole log', async (t) => {
  const { h } = await hostWithHistory();
  t.after(() => h.close());
  const result = await h.call('audit.verify', {});
  const count = (h.host.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  assert.ok(count >= 6);
  assert.equal(result.ok, true);
  assert.equal(result.checked, count);
  assert.equal(result.firstBroken, null);
  const last = h.host.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  assert.deepEqual(result.head, last);
});

test('editing an entry with SQL on the file is found, at that entry', async (t) => {
  const { h } = await hostWithHistory();
  t.after(() => h.close());
  const seq = seqOf(h, "entity = 'people' AND action = 'update'");
  const result = await verifyAfter(h, (file) =>
    tamper(file, `UPDATE audit_log SET after = replace(after, '科长', '局长') WHERE seq = ${seq}`),
  );
  assert.equal(result.ok, false);
  assert.equal(result.firstBroken?.seq, seq);
  assert.equal(result.firstBroken?.kind, 'edited');
  assert.match(result.firstBroken!.message, new RegExp(`第${seq}条记录.*被改动过`));
  assert.equal(result.checked, seq - 1);
});

test('deleting an entry is found at the entry after it; rewriting the edited entry’s own hash does not hide an edit', async (t) => {
  const { h } = await hostWithHistory();
  t.after(() => h.close());
  const seq = seqOf(h, "entity = 'people' AND action = 'create'");
  const deleted = await verifyAfter(h, (file) => tamper(file, `DELETE FROM audit_log WHERE seq = ${seq}`));
  assert.equal(deleted.firstBroken?.seq, seq + 1);
  assert.equal(deleted.firstBroken?.kind, 'missing-or-inserted');

  const { h: h2 } = await hostWithHistory();
  t.after(() => h2.close());
  const loginSeq = seqOf(h2, "action = 'login'");
  // The forger also stores a correct hash for the edited row (sha256 is public); the next row still links to the old one.
  const rewritten = await verifyAfter(h2, (file) => {
    const db = new Database(file);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(loginSeq) as ChainedFields;
    const forged = { ...row, user_id: null };
    db.prepare('UPDATE audit_log SET user_id = NULL, hash = ? WHERE seq = ?').run(auditEntryHash(forged), loginSeq);
    db.close();
  });
  assert.equal(rewritten.ok, false);
  assert.equal(rewritten.firstBroken?.seq, loginSeq + 1);
  assert.equal(rewritten.firstBroken?.kind, 'missing-or-inserted');
});

test('views of a dossier, prints and exports are logged with who and whom; a refused view is not', async (t) => {
  const { h, personId } = await hostWithHistory();
  t.after(() => h.close());
  await h.call('people.get', { id: personId });
  const missing = await h.raw('people.dossier', { id: '00000000-0000-4000-8000-000000000000' });
  assert.equal(missing.ok, false);
  const me = await h.call('auth.me', {});
  const views = h.host.db.prepare("SELECT user_id, entity, entity_id, after FROM audit_log WHERE action = 'view' ORDER BY seq").all() as {
    user_id: string;
    entity: string;
    entity_id: string;
    after: string;
  }[];
  assert.deepEqual(
    views.map((v) => [v.entity, v.entity_id, v.user_id]),
    [
      ['people.dossier', personId, me.id],
      ['people.get', personId, me.id],
    ],
  );
  assert.equal(JSON.parse(views[0]!.after).title, '人员档案');
  assert.equal((await h.call('audit.verify', {})).ok, true);
});

test('the log viewer filters by account, action, record and date, and masks ID numbers', async (t) => {
  let now = new Date('2026-03-01T02:00:00Z');
  const h = await makeHost({ now: () => now });
  t.after(() => h.close());
  const clerk = await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  now = new Date('2026-03-05T02:00:00Z');
  const person = await h.call('people.create', { name: '张三', idNumber: ID, notes: `旧证号${ID}已换` });
  await h.login('clerk', 'Clerk12345');
  await h.call('people.dossier', { id: person.id });
  const forbidden = await h.raw('audit.list', {});
  assert.ok(!forbidden.ok && forbidden.error.code === 'FORBIDDEN');
  await h.login('admin', 'Admin12345');

  const created = await h.call('audit.list', { action: 'create', entity: 'people' });
  assert.equal(created.total, 1);
  const entry = created.items[0]!;
  assert.equal(entry.userName, '系统管理员');
  const after = entry.after as Record<string, string>;
  assert.equal(after.id_number, '1101**********002X');
  assert.equal(after.notes, '旧证号1101**********002X已换');
  assert.ok(!JSON.stringify(created).includes(ID));

  const byClerk = await h.call('audit.list', { userId: clerk.id });
  assert.deepEqual(
    byClerk.items.map((i) => [i.action, i.entity]),
    [
      ['view', 'people.dossier'],
      ['login', 'users'],
    ],
  );
  const aboutPerson = await h.call('audit.list', { entityId: person.id });
  assert.deepEqual(aboutPerson.items.map((i) => i.action).sort(), ['create', 'view']);
  const march1 = await h.call('audit.list', { from: '2026-03-01', to: '2026-03-01' });
  assert.ok(march1.items.length > 0 && march1.items.every((i) => i.at.startsWith('2026-03-01')));
  const facets = await h.call('audit.facets', {});
  assert.ok(facets.actions.includes('view') && facets.entities.includes('people'));
});

test('`npm run cli -- audit verify` reports an intact log and the first broken link of a tampered copy', async (t) => {
  const { h } = await hostWithHistory();
  t.after(() => h.close());
  const file = h.host.config.databaseFile;
  h.host.close();
  const io = () => capturedIo();

  const ok = io();
  assert.equal(await runCli(['audit', 'verify', '--data-dir', h.dir], ok.io), 0, ok.err.join(''));
  assert.match(ok.out.join(''), /操作记录完整：共\d+条/);

  const copy = path.join(h.dir, 'copy.sqlite');
  fs.copyFileSync(file, copy);
  tamper(copy, 'DELETE FROM audit_log WHERE seq = 3');
  const bad = io();
  assert.equal(await runCli(['audit', 'verify', '--file', copy], bad.io), 4);
  assert.match(bad.out.join(''), /操作记录被改动：第4条记录与前一条接不上/);
  const usage = io();
  assert.equal(await runCli(['audit', 'check'], usage.io), 2);
});
