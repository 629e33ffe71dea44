/** Backups through the contract and the core host: jobs, roles, sessions after a restore, automatic backups. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import type { BackupJobView, BackupStatus } from './contract';
import { readBackupHeader } from './read';
import { verifyBackup } from './restore';
import { finishJob, liveState, tempFolders } from './testing';
import { installTestHooks } from '../config/testHooks';

// The cheapest KDF readers accept (2^15), so the suite stays quick.
installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)
const PASS = 'Correct-Horse-Battery-77';
const folder = tempFolders();

async function unitNames(t: TestHost): Promise<string[]> {
  return (await t.call('units.list', {})).map((u) => u.name).sort();
}

test('create, verify and restore through the contract; restore is for administrators and ends every session', async () => {
  const t = await makeHost();
  try {
    await t.call('units.create', { name: '财政局', parentId: null });
    const usb = folder('usb');

    const bad = await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS + 'x' });
    assert.ok(!bad.ok && bad.error.code === 'VALIDATION' && bad.error.fields?.passphraseConfirm === '两次输入的口令不一致');
    const weak = await t.raw('backup.startCreate', { folder: usb, passphrase: '12345', passphraseConfirm: '12345' });
    assert.ok(!weak.ok && /至少 10 个字符/.test(weak.error.fields?.passphrase ?? ''));

    const before = await t.call('backup.status', {});
    assert.equal(before.lastSuccess, null);
    assert.equal(before.stale, true);

    const created = await finishJob(t, await t.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }));
    assert.equal(created.state, 'done', JSON.stringify(created.error));
    const file = created.result!.file;
    assert.ok(fs.existsSync(file) && path.dirname(file) === usb);
    assert.equal(created.result!.manifest.counts.find((c) => c.table === 'units')?.count, 1);
    assert.equal(created.result!.manifest.createdBy, '系统管理员');
    // Taking the records away is on the record too: who, and to which file.
    const taken = t.host.db
      .prepare(
        "SELECT a.action, u.username, a.after FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.entity = 'backup' ORDER BY a.seq DESC LIMIT 1",
      )
      .get() as { action: string; username: string | null; after: string };
    assert.equal(taken.action, 'backup');
    assert.equal(taken.username, 'admin');
    assert.equal(JSON.parse(taken.after).backupFile, file);

    const status: BackupStatus = await t.call('backup.status', {});
    assert.equal(status.lastSuccess?.file, file);
    assert.equal(status.stale, false);

    const listing = await t.call('backup.list', { folder: usb });
    assert.deepEqual(
      listing.backups.map((b) => b.name),
      [path.basename(file)],
    );
    assert.equal(listing.backups[0]!.problem, null);

    const wrong = await finishJob(t, await t.call('backup.startVerify', { file, passphrase: 'wrong passphrase' }));
    assert.equal(wrong.state, 'failed');
    assert.equal(wrong.error?.code, 'BAD_PASSPHRASE');
    const verified = await finishJob(t, await t.call('backup.startVerify', { file, passphrase: PASS }));
    assert.equal(verified.state, 'done');
    assert.equal(verified.result?.manifest.backupId, created.result!.manifest.backupId);

    // Data moves on.
    await t.call('units.create', { name: '教育局', parentId: null });
    assert.deepEqual(await unitNames(t), ['教育局', '财政局']);

    // A clerk without the admin role may not restore.
    await t.call('users.create', {
      username: 'clerk',
      displayName: '承办员',
      password: 'Clerk12345',
      passwordConfirm: 'Clerk12345',
      roles: ['handler'],
    } as never);
    const clerk = await t.raw('auth.login', { username: 'clerk', password: 'Clerk12345' }, null);
    assert.ok(clerk.ok);
    const denied = await t.raw(
      'backup.startRestore',
      { file, passphrase: PASS, confirm: true },
      (clerk.value as { sessionId: string }).sessionId,
    );
    assert.ok(!denied.ok && denied.error.code === 'FORBIDDEN');

    // A failed restore leaves everything as it was, and the host keeps working.
    const stateBefore = liveState(t.dir);
    const failed = await finishJob(t, await t.call('backup.startRestore', { file, passphrase: 'wrong passphrase', confirm: true }));
    assert.equal(failed.error?.code, 'BAD_PASSPHRASE');
    assert.equal(liveState(t.dir), stateBefore);
    assert.deepEqual(await unitNames(t), ['教育局', '财政局']);

    const restored = await finishJob(t, await t.call('backup.startRestore', { file, passphrase: PASS, confirm: true }));
    assert.equal(restored.state, 'done', JSON.stringify(restored.error));
    assert.ok(restored.result?.preRestoreFile && fs.existsSync(restored.result.preRestoreFile));
    // Every session ended: the UI goes back to the login screen.
    const me = await t.raw('auth.me', {});
    assert.ok(!me.ok && me.error.code === 'UNAUTHENTICATED');
    await t.login('admin', 'Admin12345');
    assert.deepEqual(await unitNames(t), ['财政局']);
    const audit = t.host.db.prepare("SELECT action, entity FROM audit_log WHERE entity = 'backup' ORDER BY seq DESC LIMIT 1").get() as {
      action: string;
    };
    assert.equal(audit.action, 'restore');
    assert.deepEqual(
      ['-wal', '-shm'].filter((s) => fs.existsSync(t.host.config.databaseFile + s) && s === '-journal'),
      [],
    );
    const after = await t.call('backup.status', {});
    assert.equal(after.lastRestore?.outcome, 'completed');
  } finally {
    t.close();
  }
});

test('one job at a time; while a restore has the database closed only backup.job answers', async () => {
  const t = await makeHost();
  try {
    const usb = folder('usb');
    const job = await t.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS });
    const second = await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS });
    assert.ok(!second.ok && second.error.code === 'BUSY');
    const done = await finishJob(t, job);
    assert.equal(done.state, 'done');

    // Cancel: nothing left in the folder.
    const other = folder('usb-cancel');
    const j = await t.call('backup.startCreate', { folder: other, passphrase: PASS, passphraseConfirm: PASS });
    await t.call('backup.cancel', { jobId: j.id });
    const c = await finishJob(t, j);
    assert.equal(c.state, 'cancelled');
    assert.deepEqual(fs.readdirSync(other), []);

    const r = await t.call('backup.startRestore', { file: done.result!.file, passphrase: PASS, confirm: true });
    // While it runs, other calls answer normally or with BUSY (database closed for the swap), never an internal error.
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const env = await t.raw('units.list', {});
      seen.add(env.ok ? 'ok' : env.error.code);
      const v = (await t.raw('backup.job', { jobId: r.id }, null)) as { ok: true; value: BackupJobView };
      if (v.value.state !== 'running') break;
      await new Promise((res) => setImmediate(res));
    }
    assert.equal((await finishJob(t, r)).state, 'done');
    for (const code of seen) assert.ok(['ok', 'BUSY', 'UNAUTHENTICATED'].includes(code), code);
  } finally {
    t.close();
  }
});

test('automatic backups: admin sets folder and key, runs now, backups open with the admin passphrase; schedule and exit hooks', async () => {
  let clock = new Date('2025-06-01T08:00:00Z').getTime();
  const t = await makeHost({ now: () => new Date(clock) });
  try {
    const auto = folder('auto');
    const settings = await t.call('backup.settingsGet', {});
    assert.equal(settings.auto.enabled, false);
    const noKey = await t.raw('backup.runAuto', {});
    assert.ok(!noKey.ok && /文件夹|密钥/.test(noKey.error.message));

    await t.call('backup.settingsUpdate', {
      ...settings,
      auto: { ...settings.auto, enabled: true, folder: auto, intervalHours: 24 },
      warnAfterDays: 3,
    });
    await t.call('backup.setAutoKey', { passphrase: PASS, passphraseConfirm: PASS });
    const keyFile = path.join(t.dir, 'backup-key.json');
    assert.ok(fs.existsSync(keyFile));
    assert.equal(fs.readFileSync(keyFile, 'utf8').includes(PASS), false, 'the passphrase itself is not stored');
    if (process.platform !== 'win32') assert.equal(fs.statSync(keyFile).mode & 0o077, 0);

    const status = await t.call('backup.status', {});
    assert.equal(status.auto.keySet, true);
    assert.equal(status.auto.nextDueAt, new Date(0).toISOString(), 'never ran: due now');

    const tick = t.host.backup.tick();
    assert.ok(tick);
    const ran = await finishJob(t, tick);
    assert.equal(ran.state, 'done', JSON.stringify(ran.error));
    assert.match(path.basename(ran.result!.file), /^qinglian-auto-/);
    const { header } = await readBackupHeader(ran.result!.file);
    assert.equal(header.flags & 1, 1);
    const v = await verifyBackup({ file: ran.result!.file, key: { passphrase: PASS }, workDir: folder('w') });
    assert.equal(v.manifest.kind, 'automatic');

    // Not due again until 24 hours later.
    clock += 3600_000;
    assert.equal(t.host.backup.tick(), null);
    clock += 24 * 3600_000;
    const next = t.host.backup.tick();
    assert.ok(next);
    assert.equal((await finishJob(t, next)).state, 'done');

    // Stale warning: older than warnAfterDays.
    clock += 4 * 86_400_000;
    const stale = await t.call('backup.status', {});
    assert.equal(stale.stale, true);
    assert.ok(stale.ageDays! >= 4);

    // The host's shutdown (browser mode's "exit") runs one more automatic backup.
    const count = fs.readdirSync(auto).length;
    await t.host.shutdown();
    assert.equal(fs.readdirSync(auto).filter((f) => f.endsWith('.qlbak')).length, count + 1);
  } finally {
    t.close();
  }
});

test('rotation deletes only automatic backups the policy does not keep; manual and unknown files stay', async () => {
  const t = await makeHost();
  try {
    const auto = folder('rot');
    await t.call('backup.settingsUpdate', {
      auto: { enabled: true, folder: auto, intervalHours: 1, onExit: false, keep: { daily: 2, weekly: 0, monthly: 0 } },
      warnAfterDays: 7,
    });
    await t.call('backup.setAutoKey', { passphrase: PASS, passphraseConfirm: PASS });
    fs.writeFileSync(path.join(auto, 'notes.txt'), 'keep me');
    const manual = (await finishJob(t, await t.call('backup.startCreate', { folder: auto, passphrase: PASS, passphraseConfirm: PASS })))
      .result!.file;
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await finishJob(t, t.host.backup.startAuto())).result!.file);
    // All three automatic backups are from today: one per day is kept, the newest.
    const left = fs.readdirSync(auto).sort();
    assert.deepEqual(left, [path.basename(made[2]!), path.basename(manual), 'notes.txt'].sort());
    // The manual backup and the note are not this installation's automatic backups: listed, never deleted.
    const status = await t.call('backup.status', {});
    assert.deepEqual(
      status.rotation!.leftAlone.map((l) => l.name),
      [path.basename(manual)],
    );
    assert.equal(status.rotation!.removed.length, 1);
  } finally {
    t.close();
  }
});
